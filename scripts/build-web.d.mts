/** Whether dist/web is at least as new as every source it is built from. */
export function webBuildIsCurrent(): boolean;
/** Builds the web app when it is not current. */
export function ensureWebBuilt(): void;
