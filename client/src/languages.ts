/** The documents cowlens serves: the languages its analysis and instrumentation understand. */
export const LANGUAGES: readonly string[] = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

/** The files of those languages on disk, the only ones a run can have figures for. */
export const DOCUMENT_SELECTOR: readonly { readonly scheme: 'file'; readonly language: string }[] = LANGUAGES.map((language) => ({ scheme: 'file', language }));
