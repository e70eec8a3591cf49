// Contracts of document templates and of documents generated from a case (issue 16, point 2).
import { z } from 'zod';
import { optionalText, text, uuid, version } from '../validation.js';

export const SHIPPED_TEMPLATES = [
  'consent_adult',
  'consent_child',
  'consent_special',
  'stay_agreement',
  'house_rules',
  'support_plan',
  'partner_referral',
  'guardianship_request',
  'aid_act',
] as const;
export const ShippedTemplate = z.enum(SHIPPED_TEMPLATES);
export type ShippedTemplate = z.infer<typeof ShippedTemplate>;

/** An uploaded template's largest size (the DOCX itself). */
export const TEMPLATE_MAX_BYTES = 5 * 1024 * 1024;

const docxBase64 = z
  .string()
  .max(Math.ceil((TEMPLATE_MAX_BYTES * 4) / 3) + 16)
  .regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, { message: 'i18n:invalid_format' });

export const TemplateUploadInput = z.strictObject({
  name: text(200),
  description: optionalText(1000),
  fileName: text(200),
  contentBase64: docxBase64,
});
export type TemplateUploadInput = z.infer<typeof TemplateUploadInput>;

export const TemplateUpdateInput = z.strictObject({
  name: text(200),
  description: optionalText(1000),
  active: z.boolean(),
  version,
});
export type TemplateUpdateInput = z.infer<typeof TemplateUpdateInput>;

export const TemplateView = z.object({
  id: uuid,
  name: z.string(),
  description: z.string(),
  shippedCode: ShippedTemplate.nullable(),
  fileName: z.string(),
  size: z.number(),
  placeholders: z.array(z.string()),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
});
export type TemplateView = z.infer<typeof TemplateView>;
export const TemplateList = z.object({ items: z.array(TemplateView) });
export const TemplateListQuery = z.strictObject({ all: z.enum(['true', 'false']).optional() });

export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export const DocumentFormat = z.enum(DOCUMENT_FORMATS);
export type DocumentFormat = z.infer<typeof DocumentFormat>;

/**
 * Generating a document from a case. `memberId` is the person the document is about (the child of a
 * child's consent; the applicant by default), `partnerId` the addressee of a referral letter (needs
 * partners.read), `aidRequestId` the handed-out aid request of an act (the latest by default).
 */
export const GenerateInput = z.strictObject({
  templateId: uuid,
  format: DocumentFormat,
  memberId: uuid.optional(),
  partnerId: uuid.optional(),
  aidRequestId: uuid.optional(),
  /** Also keep the generated file among the case's files (the files area). */
  save: z.boolean().default(false),
});
export type GenerateInput = z.infer<typeof GenerateInput>;
