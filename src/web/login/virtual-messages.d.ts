// The log-in page's strings, picked from the shared catalogues at build time (see keys.ts).
declare module 'virtual:hearth-login-messages' {
  // An ambient module cannot import from a relative path; an import() type can.
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const messages: import('./keys.js').LoginMessages;
  export default messages;
}
