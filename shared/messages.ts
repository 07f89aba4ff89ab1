/**
 * Words in one place. Every sentence the core means for a person (errors, notices, step-check
 * feedback, verdict details, re-plan notices) leaves the core as a `Message`: a code from the
 * catalog below plus parameters. The renderer shows it in the learner's language from its
 * catalogs (renderer/i18n, which include these codes); the CLI, logs and the Markdown export
 * render the English text here (`english`). Stored sessions keep the codes, so a session
 * written in English reads in Chinese after a language switch.
 *
 * Text a model wrote (a judge's feedback, a reason it gave) is content, not a sentence of
 * ours: it travels as `textMessage(text)` (code `text`) and is shown as written, and so is a
 * sentence stored before codes existed.
 *
 * A parameter may itself be a Message (a reason inside a notice); it is rendered in the same
 * language. Plain data only: this file imports no runtime.
 */

export type MessageParam = string | number | Message;
export type MessageParams = Record<string, MessageParam>;

export interface Message {
  code: string;
  params?: MessageParams;
}

/** A catalog entry: a string, or plural forms picked by the `count` parameter. */
export type CatalogEntry = string | { one?: string; other: string };

/** The code of text shown as written (model text, or a sentence stored before codes). */
export const TEXT_CODE = 'text';

/**
 * The English text of every code the core emits. The renderer's English catalog includes
 * these entries and its other catalogs translate them (a test holds every code to an entry in
 * each, with the same placeholders).
 */
export const CORE_MESSAGES_EN = {
  [TEXT_CODE]: '{text}',
  'message.join': '{first} {second}',

  // ---- verdicts and answer checking (tutor/answer, final answer, step checks) ----------
  'verdict.correct': 'Correct.',
  'verdict.equivalent_form': 'Right value, but not in the expected form.',
  'verdict.incorrect': 'Not correct yet.',
  'verdict.unparseable': 'The answer could not be read as math; check the notation.',
  'verdict.unchecked': 'This could not be checked automatically.',
  'answer.empty': 'Type an answer first.',
  'answer.unreadable': 'We could not read this as math. Check brackets and commands (for example {example}) and try again.',
  'answer.referenceUnreadable': 'The reference answer could not be read; ask your teacher to check this one.',
  'answer.tooLong': 'This answer is too long to check automatically; ask your teacher to look at it.',
  'answer.timeout': 'This answer took too long to check automatically; ask your teacher to look at it.',
  'answer.undecided': 'This answer could not be checked automatically; ask your teacher to look at it.',
  'answer.rounded': 'Close, but not exact: your decimal is rounded. Give the exact value.',
  'answer.equation': 'Your equation is equivalent, but arrange it the way the question asks (for example {example}).',
  'answer.shape.parts': 'The answer should have {count} parts, in order.',
  'answer.shape.brackets': 'Write the {count} values in brackets, like {example}.',
  'answer.shape.interval': 'The values are right but check the brackets: ( ) leaves an endpoint out, [ ] includes it.',
  'answer.shape.matrix': 'The answer should be a {rows}×{cols} matrix or vector.',
  'answer.shape.count': 'The answer should have {count} values; you gave {given}.',
  'answer.form.exact': 'Your value is right, but give it exactly (as a fraction, root or multiple of π), not as a decimal.',
  'answer.form.decimal': 'Your value is right; write it as a decimal, as the question asks.',
  'answer.form.reduce': 'Your value is right, but the fraction can be simplified: reduce it to lowest terms.',
  'answer.form.rationalise': 'Your value is right; now rationalise the denominator (no square root below the fraction line).',
  'answer.form.root': 'Your value is right, but simplify the root: take square factors outside (for example {example}).',
  'answer.form.expression': 'Your expression is equal to the expected one but written differently; write it in the form the question asks for (for example expanded or factored).',
  'answer.form.simplest': 'Your value is right, but it is not written in the expected simplest form.',
  'answer.unreadableHowTo': "I couldn't read this as maths. Type it as you would on a calculator, for example {examples}.",
  'answer.form.percent': 'Your value is right; give it as a percentage, as the question asks.',
  'answer.form.noPercent': 'Your value is right; give it as a fraction or decimal rather than a percentage.',

  // ---- the tutor ---------------------------------------------------------------------------
  'tutor.check.matches': 'That matches the expected result for this step.',
  'tutor.check.noMatch': 'That does not match the expected result for this step.',
  'tutor.check.cannotCheck': 'This step cannot be checked automatically; compare your work with the worked step.',
  'tutor.final.manual': 'This answer is checked by hand. The reference answer is ${answer}$.',
  'tutor.noReference': 'The model did not give an answer the app could compare yours with.',
  'tutor.noReferenceAction': 'Try again; if it keeps happening, choose another solver model in Settings.',
  'tutor.sessionGone': 'This tutoring session no longer exists.',
  'tutor.sessionGoneAction': 'Start a new session from the problem.',
  'tutor.noSuchStep': 'This session has no step {number}.',
  'tutor.reloadSession': 'Reload the session.',
  'tutor.stepNotReached': 'Finish the current step before opening later ones.',
  'tutor.stepNotReachedAction': 'Go back to the current step.',
  'tutor.shuttingDown': 'The app is shutting down.',
  'tutor.shuttingDownAction': 'Open the session again after restarting.',
  'tutor.closedDuringStep': 'The app closed while the worked step was being written.',
  'tutor.closedDuringStepAction': 'Open the session again to continue.',
  'tutor.closedDuringPlan': 'The app closed while the plan was being made.',
  'tutor.closedDuringPlanAction': 'Start the problem again.',
  'tutor.noSolver': 'No model is configured, so the tutor cannot write this help.',
  'tutor.noNavigator': 'No model is configured, so the tutor cannot plan this problem.',
  'tutor.openSettingsAction': 'Open Settings to add a model endpoint.',
  'tutor.noPractice': 'There is no practice problem "{id}".',
  'tutor.noPracticeAction': 'Its pack may have been removed; pick another problem from the list.',
  'tutor.noSteps': 'This session has no steps to work through.',
  'tutor.startNewAction': 'Start a new session.',
  'tutor.lastStep': 'This is the last step.',
  'tutor.lastStepAction': 'Enter your final answer.',
  'tutor.checkFirst': 'Check your own result for this step, or reveal the worked step, before moving on.',
  'tutor.checkFirstAction': 'Write your result and press Check.',
  'tutor.noHint': 'No hint was written for this step.',
  'tutor.planUnreadable': "The model's plan could not be used ({reason}).",
  'tutor.planUnreadableAction': 'Try again, or open one of the suggested templates and work from it.',

  // ---- model servers (electron/core/model/failure.ts) --------------------------------------
  'model.auth': 'The model server rejected the API key.',
  'model.auth.action': 'Open Settings and check the API key.',
  'model.forbidden': 'The model server refused access to "{model}".',
  'model.forbiddenDetail': 'The model server refused access to "{model}": {detail}',
  'model.forbidden.action': 'Open Settings and check that this key may use this model, or choose another model.',
  'model.unknownModel': 'The model server at {baseUrl} has no model called "{model}".',
  'model.unknownModel.action': 'Open Settings and press "Test connection" to list the models it has, then pick one.',
  'model.noApiHere': 'The server at {baseUrl} answered, but not as an OpenAI-compatible model server (no such endpoint).',
  'model.checkBaseUrl': 'Open Settings and check the base URL; most local servers end in /v1.',
  'model.contextTooLong': "The conversation is too long for this model's context window.",
  'model.contextTooLongDetail': "The conversation is too long for this model's context window ({detail}).",
  'model.contextTooLong.action': 'Start a new session or shorten the problem text; or choose a model with a longer context.',
  'model.structuredRefused': 'The model server does not accept structured output (response_format).',
  'model.structuredRefusedDetail': 'The model server does not accept structured output (response_format): {detail}',
  'model.structuredRefused.action': 'Open Settings and set "Structured output" to "Automatic" or "Off" for this model.',
  'model.refused': 'The model server refused the request.',
  'model.refusedDetail': 'The model server refused the request: {detail}',
  'model.refused.action': 'Open Settings and check the model settings (temperature, max tokens); some servers do not support every option.',
  'model.rateLimited': 'The model server is busy (rate limited).',
  'model.rateLimited.action': 'Wait a minute, then try again.',
  'model.rateLimitedWait': { one: 'The model server is busy (rate limited) and asked us to wait {count} second.', other: 'The model server is busy (rate limited) and asked us to wait {count} seconds.' },
  'model.rateLimitedWait.action': { one: 'Wait {count} second, then try again.', other: 'Wait {count} seconds, then try again.' },
  'model.serverError': 'The model server at {baseUrl} had an internal error.',
  'model.serverErrorStatus': 'The model server at {baseUrl} had an internal error (HTTP {status}).',
  'model.serverError.action': "Try again; if it keeps happening, check the model server's log or restart it.",
  'model.droppedMidStream': 'The connection to the model server at {baseUrl} broke after part of the answer had arrived; the partial answer was not kept.',
  'model.checkLog': "Try again; if it keeps happening, check the model server's log.",
  'model.unreachable': 'Could not reach a model server at {baseUrl}. It may not be running.',
  'model.unreachable.action': 'Start the model server, or Open Settings and check the base URL.',
  'model.tlsCertificate': 'Could not make a secure (https) connection to the model server at {baseUrl}: its certificate is not trusted.',
  'model.tlsNoHttps': 'Could not make a secure (https) connection to the model server at {baseUrl}: it does not answer in https.',
  'model.tls.action': 'Open Settings and check the base URL; servers on this computer usually start with http://, not https://.',
  'model.hostNotFound': 'The model server\'s address "{host}" (from {baseUrl}) could not be found.',
  'model.hostNotFound.action': 'Check the network connection, or Open Settings and check the base URL for typos.',
  'model.timeoutFirstByte': { one: 'The model server at {baseUrl} did not start answering within {count} second.', other: 'The model server at {baseUrl} did not start answering within {count} seconds.' },
  'model.timeoutFirstByteServer': 'The model server at {baseUrl} did not start answering in time.',
  'model.timeoutIdle': { one: 'The model server at {baseUrl} stopped sending the answer for more than {count} second.', other: 'The model server at {baseUrl} stopped sending the answer for more than {count} seconds.' },
  'model.timeout.action': 'Try again; if the server is slow (a large model or a long prompt), raise the timeout in Settings.',
  'model.cancelled': 'The request was cancelled.',
  'model.cancelled.action': 'Ask again when you are ready.',
  'model.malformed': 'The model server at {baseUrl} sent an answer the app could not read ({detail}).',
  'model.malformed.action': 'Try again; if it keeps happening, check that the server is OpenAI-compatible and up to date.',
  'model.truncated': 'The answer from the model server at {baseUrl} ended before the model had finished.',
  'model.thinkingCut': 'The model ran out of tokens while thinking and wrote no answer.',
  'model.thinkingCutBudget': 'The model ran out of tokens while thinking and wrote no answer (max tokens: {maxTokens}).',
  'model.thinkingServerLimit': 'The server cannot give it more: its context window is {limit} tokens.',
  'model.thinkingServerLimit.action': 'Choose a model that thinks less or has a longer context (Open Settings), or shorten the problem.',
  'model.thinkingStopped': 'The model thought about the question but stopped without writing an answer.',
  'model.thinkingStopped.action': 'Try again; if it keeps happening, Open Settings and raise "max tokens" or choose another model.',
  'model.thinkingStopped.actionTo': 'Try again; if it keeps happening, Open Settings and raise "max tokens" to {suggest} or more or choose another model.',
  'model.raiseMaxTokens': 'Open Settings and raise "max tokens", then try again.',
  'model.raiseMaxTokensTo': 'Open Settings and raise "max tokens" to {suggest} or more, then try again.',
  'model.emptyLength': 'The model used up its token limit before writing any answer.',
  'model.empty': 'The model returned an empty answer.',
  'model.empty.action': 'Try again, or choose another model in Settings.',

  // ---- the library, drafts, packs, settings and the dispatcher ------------------------------
  'core.noTemplate': 'No template with the id "{id}" is installed.',
  'core.noTemplate.action': 'The pack holding it may have been removed or updated; search the library for it again.',
  'core.noPack': 'No pack with the id "{id}" is installed.',
  'core.noPack.action': 'Choose a pack from the library list, or import it first.',
  'core.noPackInstalled.action': 'Check the pack id in the library list (packs list shows installed packs).',
  'core.noDraft': 'There is no draft with the id "{id}"; it may have been deleted.',
  'core.noDraft.action': 'Go back to the list of drafts and open another one.',
  'core.draftTooDeep': 'This draft is nested more than {depth} levels deep and was not saved.',
  'core.draftTooDeep.action': 'Edit the pack in the Author screen instead of sending hand-made data.',
  'core.draftTooLarge': 'This draft is larger than {megabytes} MB and was not saved.',
  'core.draftTooLarge.action': 'Split it into smaller packs.',
  'core.noNavigatorModel': 'No navigator model is configured yet.',
  'core.noSolverModel': 'No solver model is configured yet.',
  'core.keyWithheld': '{cause} The saved API key was not sent, because it belongs to {savedBaseUrl} and this address is different.',
  'core.keyWithheldNoAddress': '{cause} The saved API key was not sent, because it belongs to the saved address and this address is different.',
  'core.keyWithheld.action': 'Type the API key again in Settings to test this address with it.',
  'core.olderVersion': '"{name}" version {installed} is installed; this file holds the older version {version}.',
  'core.olderVersion.action': 'Use --force (or tick "Replace with older version") to install it anyway.',
  'core.importRunning': 'Another pack import is running on this library ({holder}); nothing was changed.',
  'core.importRunning.action': 'Run the command again when it has finished, or leave out --no-wait to wait for it.',
  'core.importStillRunning': { one: 'Another pack import ({holder}) was still running after 1 minute; nothing was changed.', other: 'Another pack import ({holder}) was still running after {count} minutes; nothing was changed.' },
  'core.importStillRunning.action': 'Run the command again when it has finished.',
  'core.unknownMethod': 'There is no method called "{method}".',
  'core.invalidInput': 'Invalid input for {method}: {detail}',
  'core.internal': 'Something went wrong in {method}: {detail}',
  'core.internal.action': 'Try again; if it keeps happening, restart the app.',
  'core.fileMissing': '{fileName} does not exist',
  'core.fileDenied': '{fileName} cannot be opened (permission denied)',
  'core.fileUnopenable': '{fileName} cannot be opened ({code})',
  'core.checkPath.action': 'Check the file path and try again.',
  'core.fileIsFolder': '{fileName} is a folder, not a pack file',
  'core.fileIsFolder.action': 'Choose a .json or .md pack file inside the folder.',
  'core.fileNotRegular': '{fileName} is not a regular file',
  'core.chooseJsonOrMd.action': 'Choose a .json or .md pack file.',
  'core.notUtf8': '{fileName} is not UTF-8 text: invalid byte 0x{byte} at byte offset {offset}',
  'core.notUtf8.action': 'Save the file as UTF-8 in your editor and import it again.',
  'core.packProblems': { one: '1 problem in {fileName}', other: '{count} problems in {fileName}' },
  'core.moreProblems': '…and {count} more problems not listed; fix these and import again to see the rest',
  'core.tooDeep.action': 'Flatten the file: packs never need more than {depth} levels of [ ] or { }.',
  'core.duplicateKey.action': 'Open the file in a text editor, keep one of the two keys (remove or rename the other), and import it again.',
  'core.notJson': '{fileName} is not valid JSON: {reason} at line {line} column {column}',
  'core.notJson.action': 'Open the file in a text editor, fix the JSON at that place (or export it again), and import it again.',
  'core.notAPack': '{fileName} is not a pack this app can read: {why}. Accepted: {accepted}.',
  'core.emptyFile': '{fileName} is not a pack this app can read: the file is empty. Accepted: {accepted}.',
  'core.notAPack.action': 'Choose a pack file in one of the accepted formats (see docs/pack-format.md).',
  'core.packTooSlow': '{fileName}: the pack took too long to check; it may be damaged',
  'core.packTooSlow.action': 'Open the file in a text editor and look for very long runs of the same characters, or export the pack again from where it came from.',
  'core.loneSurrogate': '{fileName} is not valid Unicode text: a broken character (unpaired UTF-16 surrogate) at character {at}',
  'core.packTooLarge': '{fileName} is larger than {megabytes} MB',
  'core.packTooBig': '{fileName} needs more memory to check than the app allows',
  'core.splitPack.action': 'Split the pack into smaller packs and import them one by one.',
  'core.packCheckFailed': 'checking {fileName} failed: {why}',
  'core.diskFull': 'the disk is full',
  'core.diskReadOnly': 'the disk is read-only',
  'core.permissionDenied': 'permission denied',
  'core.keyNotSaved': 'The API key could not be saved to {file}: {why}. Nothing was changed.',
  'core.keyNotSaved.action': 'Free some space or fix the permissions of {folder}, then save again.',
  'core.fixPack.action': 'Fix the listed places in the file and import it again.',
  'core.importExpired': 'This import preview is no longer held: it was already applied or cancelled, it is older than {minutes} minutes, or newer previews replaced it. Nothing was changed.',
  'core.importExpired.action': 'Choose the pack file again to see a fresh preview, then apply it.',

  // ---- pack validation issues (electron/core/packs/validate.ts; the schema's own are still English) ----
  'pack.tooLong': 'is longer than {count} characters',
  'pack.duplicateChapter': 'chapter "{chapter}" is listed twice in topics',
  'pack.duplicateSection': 'section "{section}" is listed twice under chapter "{chapter}"',
  'pack.duplicateTemplateId': 'duplicate id "{id}", first used at {first}',
  'pack.unknownChapter': 'chapter "{chapter}" is not listed in topics',
  'pack.unknownSection': 'section "{section}" is not listed under chapter "{chapter}" in topics',
  'pack.duplicateProblemId': 'duplicate problem id "{id}", first used at {first}',
  'pack.noSuchTemplate': 'no template with the id "{id}" in this pack (use "packId/templateId" for a template of another pack)',

  // ---- plans and re-planning ---------------------------------------------------------------
  'plan.initial': 'The first plan.',
  'plan.replanned': 'The plan was revised from step {step} on, because {reason}.',
  'plan.replanLimit': { one: 'The plan has already been revised once in this session.', other: 'The plan has already been revised {count} times in this session.' },
  'plan.replanLimitAction': 'Use the hint or the worked step for this step, or start a new session.',
  'plan.replanFailed': 'The plan could not be revised: {cause}',
  'plan.revisedUnusable': 'The revised plan could not be used ({reason}).',
  'plan.revisedUnusableAction': 'Keep going with the current plan, or use the hint.',
  'plan.reason.incorrectTwice': 'the learner\'s result for step {step} ("{title}") was judged incorrect twice',
  'plan.reason.checkDoesNotFit': 'the check of step {step} ("{title}") found that the plan does not fit: {reason}',
  'plan.reason.doesNotFit': 'the worked step found the plan does not fit: {reason}',
  'plan.reason.noneGiven': 'no reason given',
} as const satisfies Record<string, CatalogEntry>;

export type CoreMessageCode = keyof typeof CORE_MESSAGES_EN;

/** A coded message; the one way the core says something to a person. */
export function msg(code: CoreMessageCode, params?: MessageParams): Message {
  return params ? { code, params } : { code };
}

/** Text shown as written: what a model wrote, or a stored sentence from before codes. */
export function textMessage(text: string): Message {
  return { code: TEXT_CODE, params: { text } };
}

export function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { code?: unknown; params?: unknown };
  return typeof v.code === 'string' && (v.params === undefined || (typeof v.params === 'object' && v.params !== null));
}

/** A stored value that may be a sentence from before codes (a string) or a Message. */
export function asMessage(value: unknown): Message {
  if (isMessage(value)) return value;
  return textMessage(typeof value === 'string' ? value : '');
}

/** The plural form for `params.count`, or the string itself. */
export function pickForm(entry: CatalogEntry, locale: string, params?: MessageParams): string {
  if (typeof entry === 'string') return entry;
  const count = Number(params?.count ?? 0);
  const form = new Intl.PluralRules(locale).select(count);
  return form === 'one' && entry.one !== undefined ? entry.one : entry.other;
}

/** Fill `{name}` placeholders once (a parameter's own braces are never read as placeholders). */
export function fillPlaceholders(text: string, params: MessageParams | undefined, render: (p: MessageParam) => string): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? render(params[name]!) : whole,
  );
}

/**
 * A message in words from a catalog lookup; nested messages are rendered the same way. An
 * unknown code falls back to its `text` parameter (if any), else to the code itself, so
 * nothing is ever lost on screen.
 */
export function renderMessage(m: Message, lookup: (code: string) => CatalogEntry | undefined, locale: string, depth = 0): string {
  const entry = lookup(m.code);
  const render = (p: MessageParam): string =>
    typeof p === 'object' ? (depth < 8 ? renderMessage(p, lookup, locale, depth + 1) : '') : String(p);
  if (entry === undefined) return typeof m.params?.text === 'string' ? m.params.text : m.code;
  return fillPlaceholders(pickForm(entry, locale, m.params), m.params, render);
}

const englishLookup = (code: string): CatalogEntry | undefined =>
  Object.prototype.hasOwnProperty.call(CORE_MESSAGES_EN, code) ? CORE_MESSAGES_EN[code as CoreMessageCode] : undefined;

/** The English text (logs, the CLI, the Markdown export, AppError.message). */
export function english(m: Message): string {
  return renderMessage(m, englishLookup, 'en');
}

/** Two messages one after the other ("Not correct yet. The answer should have 2 values…"). */
export function joinMessages(first: Message, second: Message | undefined | null): Message {
  return second ? msg('message.join', { first, second }) : first;
}

/** Every code a message uses, its own and its nested parameters' (for tests and guards). */
export function messageCodes(m: Message): string[] {
  const out = [m.code];
  for (const p of Object.values(m.params ?? {})) if (typeof p === 'object') out.push(...messageCodes(p));
  return out;
}
