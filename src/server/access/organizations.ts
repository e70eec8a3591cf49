// Creating an organisation (tenant) with its built-in roles and a first admin. Used by the CLI,
// the demo seed and test factories; runs as the owner because the tenant does not exist yet.
import { DEFAULT_ROLE_PERMISSIONS, ROLE_CODES, type RoleCode } from '../../domain/access/permissions.js';
import type { Tx } from '../db/engine.js';
import { hashPassword } from '../auth/passwords.js';
import { organizations, roles, userBranches, userRoles, users } from './tables.js';
import { installShippedTemplates } from '../assessments/templates.js';
import { installShippedServiceTypes } from '../services/catalogue.js';
import { installShippedAidItems } from '../aid/catalogue.js';
import { installShippedOutcomes } from '../outcomes/frameworks.js';
import { installShippedIndicators } from '../indicators/library.js';
import { installShippedFeedbackTemplates } from '../feedback/templates.js';
import { installShippedDocumentTemplates } from '../documents/routes.js';

export async function createOrganization(tx: Tx, name: string): Promise<string> {
  const [org] = await tx.insert(organizations).values({ name }).returning({ id: organizations.id });
  const orgId = org!.id;
  await tx.insert(roles).values(ROLE_CODES.map((code) => ({ orgId, code, permissions: [...DEFAULT_ROLE_PERMISSIONS[code]] })));
  await installShippedTemplates(tx, orgId);
  await installShippedServiceTypes(tx, orgId);
  await installShippedAidItems(tx, orgId);
  await installShippedOutcomes(tx, orgId);
  await installShippedIndicators(tx, orgId);
  await installShippedFeedbackTemplates(tx, orgId);
  await installShippedDocumentTemplates(tx, orgId);
  return orgId;
}

export interface NewUser {
  email: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  password: string;
  roles: RoleCode[];
  branchIds?: string[];
  /** Pass a precomputed hash to create many users quickly (seed, benchmarks). */
  passwordHash?: string;
}

export async function createUser(tx: Tx, orgId: string, user: NewUser): Promise<string> {
  const [row] = await tx
    .insert(users)
    .values({
      orgId,
      email: user.email.toLowerCase(),
      lastName: user.lastName,
      firstName: user.firstName,
      middleName: user.middleName ?? '',
      passwordHash: user.passwordHash ?? (await hashPassword(user.password)),
    })
    .returning({ id: users.id });
  const userId = row!.id;
  await tx.insert(userRoles).values(user.roles.map((roleCode) => ({ orgId, userId, roleCode })));
  if (user.branchIds?.length) await tx.insert(userBranches).values(user.branchIds.map((branchId) => ({ orgId, userId, branchId })));
  return userId;
}
