/** The documents cowlens serves: the languages its analysis and instrumentation understand. */
export const LANGUAGES: readonly string[] = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];
