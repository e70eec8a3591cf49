// fontkit ships no types; Hearth only opens a font file to hand it to pdfkit (src/server/pdf-fonts.ts).
declare module 'fontkit' {
  export function openSync(path: string): unknown;
}
