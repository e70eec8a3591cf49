// HTTP routes of attachments. The routes are open to anyone signed in; what each caller reaches is
// the owner kind's business (owners.ts): a record outside it — or of an area the caller has no
// permission in — is 404, and so is every file URL of it. Uploads come as JSON with the content in
// base64 (as every write: JSON only, CSRF-checked); downloads are the bytes themselves.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  AttachmentEditInput,
  AttachmentInput,
  AttachmentList,
  AttachmentSettings,
  AttachmentSettingsInput,
  AttachmentView,
  ContentQuery,
  ListQuery,
  MAX_BASE64_CHARS,
  OwnerParams,
  RemoveInput,
  ReplaceInput,
} from '../../domain/files/contracts.js';
import { auditCodes, writeAudit } from '../audit/audit.js';
import { defineRoute } from '../http/route.js';
import type { Actor } from '../http/context.js';
import type { Tx } from '../db/engine.js';
import {
  attach,
  attachmentSettings,
  editAttachment,
  listAttachments,
  reachAttachment,
  reachOwner,
  readContent,
  removeAttachment,
  replaceContent,
  usedBytes,
  type StoredContent,
} from './attachments.js';
import { notFound } from '../http/errors.js';

const signedIn = { kind: 'signed_in', records: 'organization' } as const;
const BODY_LIMIT = MAX_BASE64_CHARS + 64 * 1024;

const decode = (base64: string) => Buffer.from(base64, 'base64');

async function viewOf(tx: Tx, actor: Actor, id: string, includeRemoved = false): Promise<AttachmentView> {
  const { owner } = await reachAttachment(tx, actor, id);
  const found = (await listAttachments(tx, owner, true)).find((a) => a.id === id);
  if (!found || (!includeRemoved && found.removedAt)) throw notFound();
  return found;
}

/** `filename*` carries the real (often Cyrillic) name; `filename` an ASCII stand-in for old clients. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

// Shown in the page: an image in a sandbox (no script, no plugin, nothing loaded from anywhere); a
// PDF for the browser's own viewer (which a sandbox would block), with nothing else allowed.
const IMAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";
const PDF_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";

function send(reply: FastifyReply, file: StoredContent, inline: boolean): Buffer {
  // Never HTML or SVG inline (neither passes the upload checks; this is the second lock): only
  // images and PDFs, and only when asked; everything else is a download.
  const shown = inline && (file.kind === 'image' || file.kind === 'pdf') && !/svg|html|xml/i.test(file.contentType);
  void reply
    .header('content-type', file.contentType)
    .header('content-disposition', disposition(shown ? 'inline' : 'attachment', file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
  if (shown) void reply.header('content-security-policy', file.kind === 'image' ? IMAGE_CSP : PDF_CSP);
  return file.content;
}

export function registerFileRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/files/owners/:kind/:ownerId',
    tag: 'files',
    summary: "A record's files with their versions, whether the caller may manage them, and the limits",
    access: signedIn,
    params: OwnerParams,
    query: ListQuery,
    response: AttachmentList,
    handler: async ({ tx, actor, params, query }) => {
      const owner = await reachOwner(tx, actor, params.kind, params.ownerId);
      const settings = await attachmentSettings(tx);
      return {
        items: await listAttachments(tx, owner, query.removed === 'true'),
        canManage: owner.canManage,
        sections: owner.reach.familyId ? owner.sections : [],
        limits: {
          maxFileMb: settings.maxFileMb,
          maxRecordMb: settings.maxRecordMb,
          usedBytes: await usedBytes(tx, owner.spec.kind, owner.ownerId),
        },
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/files/owners/:kind/:ownerId',
    tag: 'files',
    summary: 'Attach a file (checked by its content, images stripped of location data, audited)',
    access: signedIn,
    params: OwnerParams,
    body: AttachmentInput,
    response: AttachmentView,
    status: 201,
    idempotent: true,
    bodyLimit: BODY_LIMIT,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const id = await attach(
        tx,
        deps,
        actor,
        audit,
        {
          ownerKind: params.kind,
          ownerId: params.ownerId,
          title: body.title,
          documentDate: body.documentDate,
          documentKind: body.documentKind,
          section: body.section,
          fileName: body.fileName,
          content: decode(body.contentBase64),
        },
        req.lang,
      );
      return viewOf(tx, actor, id);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/files/:id',
    tag: 'files',
    summary: "Change a file's title or the date the document is from",
    access: signedIn,
    params: IdParams,
    body: AttachmentEditInput,
    response: AttachmentView,
    handler: async ({ tx, actor, audit, params, body }) => {
      await editAttachment(tx, actor, audit, params.id, body);
      return viewOf(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/files/:id/versions',
    tag: 'files',
    summary: 'Replace a file with a newer version (the earlier versions are kept)',
    access: signedIn,
    params: IdParams,
    body: ReplaceInput,
    response: AttachmentView,
    bodyLimit: BODY_LIMIT,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      await replaceContent(
        tx,
        deps,
        actor,
        audit,
        params.id,
        { fileName: body.fileName, content: decode(body.contentBase64), version: body.version },
        req.lang,
      );
      return viewOf(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/files/:id/remove',
    tag: 'files',
    summary: 'Remove a file: who and when are recorded, the content of every version is deleted',
    access: signedIn,
    params: IdParams,
    body: RemoveInput,
    response: AttachmentView,
    handler: async ({ tx, actor, audit, params, body, deps }) => {
      await removeAttachment(tx, deps, actor, audit, params.id, body.version);
      return viewOf(tx, actor, params.id, true);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/files/:id/content',
    tag: 'files',
    summary: "A file's content (the current version unless one is named); images and PDFs inline on request; audited",
    access: signedIn,
    params: IdParams,
    query: ContentQuery,
    response: z.instanceof(Buffer),
    handler: async ({ tx, actor, audit, params, query, reply, deps }) => {
      const file = await readContent(tx, deps, actor, audit, params.id, query.version);
      return send(reply, file, query.inline === '1');
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/files/settings',
    tag: 'files',
    summary: "The organisation's file rules: size limits and the virus check",
    access: { kind: 'permission', permission: 'organization.manage', records: 'organization' },
    response: AttachmentSettings,
    handler: ({ tx }) => attachmentSettings(tx),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/files/settings',
    tag: 'files',
    summary: "Set the organisation's file rules",
    access: { kind: 'permission', permission: 'organization.manage', records: 'organization' },
    body: AttachmentSettingsInput,
    response: AttachmentSettings,
    handler: async ({ tx, audit, body, actor }) => {
      const before = await attachmentSettings(tx);
      await tx.execute(sql`update organizations set attachment_settings = ${JSON.stringify(body)}::jsonb where id = ${actor.orgId}`);
      const fields = (Object.keys(body) as (keyof AttachmentSettings)[]).filter((k) => before[k] !== body[k]);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'attachment_settings',
        recordId: actor.orgId,
        details: { fields: auditCodes(fields) },
      });
      return attachmentSettings(tx);
    },
  });
}
