// A family member as a form holds it (strings from inputs, '' for "not given") and as the API takes
// it (null for a missing date or age).
import type { z } from 'zod';
import type { MemberInput, MemberView, PersonDocument } from '../../domain/families/contracts.js';
import type { Citizenship } from '../../domain/families/citizenship.js';

export interface MemberValues {
  relation: MemberView['relation'];
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  approximateAge: number | string;
  expectedBirthDate: string;
  sex: MemberView['sex'];
  /** A code from the closed list; '' = not recorded. */
  citizenship: Citizenship | '';
  /** '' = not recorded. */
  education: NonNullable<MemberView['education']> | '';
  occupation: NonNullable<MemberView['occupation']> | '';
  languages: string[];
  phone: string;
  registeredAddress: string;
  actualAddress: string;
  documents: z.infer<typeof PersonDocument>[];
}

export const EMPTY_MEMBER: MemberValues = {
  relation: 'mother',
  lastName: '',
  firstName: '',
  middleName: '',
  birthDate: '',
  approximateAge: '',
  expectedBirthDate: '',
  sex: 'unknown',
  citizenship: '',
  education: '',
  occupation: '',
  languages: [],
  phone: '',
  registeredAddress: '',
  actualAddress: '',
  documents: [],
};

export function memberValues(member: MemberView): MemberValues {
  return {
    relation: member.relation,
    lastName: member.lastName,
    firstName: member.firstName,
    middleName: member.middleName,
    birthDate: member.birthDate ?? '',
    approximateAge: member.approximateAge ?? '',
    expectedBirthDate: member.expectedBirthDate ?? '',
    sex: member.sex,
    citizenship: member.citizenship ?? '',
    education: member.education ?? '',
    occupation: member.occupation ?? '',
    languages: member.languages,
    phone: member.phone,
    registeredAddress: member.registeredAddress,
    actualAddress: member.actualAddress,
    documents: member.documents,
  };
}

export function memberInput(values: MemberValues): z.input<typeof MemberInput> {
  return {
    ...values,
    birthDate: values.birthDate || null,
    expectedBirthDate: values.expectedBirthDate || null,
    approximateAge: values.approximateAge === '' ? null : Number(values.approximateAge),
    citizenship: values.citizenship || null,
    education: values.education || null,
    occupation: values.occupation || null,
  };
}
