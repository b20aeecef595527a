/**
 * The configured test command (`npm test`, `node --test "test/*.test.js"`) as argv. cowlens runs
 * it without a shell, so that stopping a run stops the program and not just a shell around it;
 * this reads the quoting people write in such a setting and refuses what only a shell could do.
 */

const SHELL_ONLY = /^(?:&&|\|\||[|;&<>]|>>|2>&1|[<>]&?\d*)$/;

export class CommandLineError extends Error {}

export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  /** Operators count only unquoted: `node "a&&b.js"` is a file name. */
  const bareWords: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let quote: '"' | "'" | undefined;
  const push = (): void => {
    words.push(word);
    if (!quoted) bareWords.push(word);
  };
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i]!;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
      quoted = true;
    } else if (char === '\\' && i + 1 < line.length) {
      word += line[++i]!;
      inWord = true;
      quoted = true;
    } else if (/\s/.test(char)) {
      if (inWord) push();
      word = '';
      inWord = false;
      quoted = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote !== undefined) throw new CommandLineError(`The test command "${line}" has an unclosed ${quote} quote: close it in the cowlens.testCommand setting.`);
  if (inWord) push();
  const operator = bareWords.find((w) => SHELL_ONLY.test(w));
  if (operator !== undefined) {
    throw new CommandLineError(
      `The test command "${line}" uses "${operator}", which needs a shell, and cowlens runs the command without one: put the command in an npm script and set cowlens.testCommand to "npm run <script>".`,
    );
  }
  if (bareWords[0] !== undefined && bareWords[0] === words[0] && /^[A-Za-z_]\w*=/.test(bareWords[0])) {
    throw new CommandLineError(
      `The test command "${line}" starts by setting an environment variable, which needs a shell, and cowlens runs the command without one: put the command in an npm script and set cowlens.testCommand to "npm run <script>".`,
    );
  }
  if (words.length === 0) throw new CommandLineError('The test command is empty: set cowlens.testCommand, for example to "npm test".');
  return words;
}
