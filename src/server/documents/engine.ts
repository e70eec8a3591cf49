// Reading and filling DOCX templates (docxtemplater over pizzip). A template is checked once, at
// upload: a real DOCX (a zip that passes the zip guard, with a Word main document and no macros),
// markup that parses, and only placeholders of the catalogue (domain/documents/placeholders.ts).
// Filling it escapes every value as XML text (docxtemplater's default), never raw XML: a `{@…}` tag
// is refused at upload.
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { unknownPlaceholder, usedNames, type TemplateTag } from '../../domain/documents/placeholders.js';
import { checkZip, ZipRefused } from './zip-guard.js';

export type TemplateProblem =
  | { kind: 'not_docx' }
  | { kind: 'too_large' }
  | { kind: 'macros' }
  | { kind: 'unknown_placeholder'; name: string }
  | { kind: 'syntax'; detail: string };

export class TemplateRefused extends Error {
  constructor(readonly problem: TemplateProblem) {
    super(problem.kind);
  }
}

const MAIN_DOCUMENT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

// errorLogging off: docxtemplater would print a refused template's errors to the console.
const OPTIONS = { paragraphLoop: true, linebreaks: true, nullGetter: () => '', errorLogging: false };

interface Part {
  type: string;
  value: string;
  module?: string;
  subparsed?: Part[];
}

/**
 * Collects the parsed tags of every templated part (body, headers, footers) — what docxtemplater's own
 * inspect module does, without its lodash dependency.
 */
function tagCollector() {
  const parts: Part[] = [];
  return {
    parts,
    module: {
      name: 'HearthTagCollector',
      set(obj: { inspect?: { postparsed?: Part[] } }) {
        if (obj.inspect?.postparsed) parts.push(...obj.inspect.postparsed);
      },
    },
  };
}

function toTags(parts: readonly Part[]): TemplateTag[] {
  return parts
    .filter((part) => part.type === 'placeholder')
    .map((part) => {
      // Raw XML (`{@x}`) would put a value into the document as markup: refused by name.
      if (part.module === 'rawxml') throw new TemplateRefused({ kind: 'syntax', detail: `{@${part.value}}` });
      return { name: part.value, section: part.module === 'loop', inner: toTags(part.subparsed ?? []) };
    });
}

/** The zip of a DOCX, after the guard and the content checks. */
function openDocx(buffer: Buffer): PizZip {
  let names: string[];
  try {
    names = checkZip(buffer).map((entry) => entry.name);
  } catch (error) {
    if (error instanceof ZipRefused) throw new TemplateRefused({ kind: error.problem === 'too_large' ? 'too_large' : 'not_docx' });
    throw error;
  }
  if (names.some((name) => /vbaProject\.bin$/i.test(name))) throw new TemplateRefused({ kind: 'macros' });
  if (!names.includes('[Content_Types].xml') || !names.includes('word/document.xml')) throw new TemplateRefused({ kind: 'not_docx' });
  let zip: PizZip;
  try {
    zip = new PizZip(buffer);
  } catch {
    throw new TemplateRefused({ kind: 'not_docx' });
  }
  const types = zip.file('[Content_Types].xml')?.asText() ?? '';
  if (/macroEnabled/i.test(types)) throw new TemplateRefused({ kind: 'macros' });
  if (!types.includes(MAIN_DOCUMENT)) throw new TemplateRefused({ kind: 'not_docx' });
  return zip;
}

interface DocxError {
  properties?: { id?: string; xtag?: string; explanation?: string; errors?: DocxError[] };
}

function syntaxDetail(error: unknown): string {
  const errors = (error as DocxError).properties?.errors ?? [error as DocxError];
  const first = errors[0]?.properties;
  const tag = first?.xtag ? ` «${first.xtag}»` : '';
  return `${first?.id ?? 'template_error'}${tag}`;
}

/**
 * Checks an uploaded template and returns the placeholder names it uses. Throws TemplateRefused
 * naming the first unknown placeholder or the markup error.
 */
export function inspectTemplate(buffer: Buffer): string[] {
  const zip = openDocx(buffer);
  const collector = tagCollector();
  try {
    new Docxtemplater(zip, { ...OPTIONS, modules: [collector.module] });
  } catch (error) {
    throw new TemplateRefused({ kind: 'syntax', detail: syntaxDetail(error) });
  }
  const tags = toTags(collector.parts);
  const unknown = unknownPlaceholder(tags);
  if (unknown !== null) throw new TemplateRefused({ kind: 'unknown_placeholder', name: unknown });
  return usedNames(tags);
}

export type DocumentData = Record<string, string | Record<string, string>[]>;

/** Fills a template (already checked at upload) with the data of one case. */
export function fillTemplate(buffer: Buffer, data: DocumentData): Buffer {
  const doc = new Docxtemplater(new PizZip(buffer), OPTIONS);
  doc.render(data);
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The main document's XML of a filled DOCX (for the PDF and for tests). */
export function documentXml(docx: Buffer): string {
  return new PizZip(docx).file('word/document.xml')?.asText() ?? '';
}
