// Every command of tp, as a table: each entry declares one command (its
// arguments, options and help) and hands over to its module, imported only when
// that command runs, so that `tp --help` loads none of them.
import { Option, type Command } from 'commander';
import { DEFAULT_GRADEBOOK_FORMATS, GRADEBOOK_FORMATS, formatNames } from '../report/index.js';
import { parsePositiveInteger } from './commands/grade-options.js';
import type { CliIo } from './io.js';
import { addClusterOptions, collect, parseHttpVia } from './target-options.js';
import { addTimeoutOption, parseDuration } from './timeout-option.js';
import { parseHintLevel } from './hint-option.js';

/** Runs a command's work; its exit code becomes tp's. */
export type Run = (work: () => Promise<number>) => Promise<void>;

export type CommandEntry = (parent: Command, io: CliIo, run: Run) => void;

const LAB_ARGUMENT = 'lab id (4, tp4, pods…) or path to a lab file';

/** tp list */
const list: CommandEntry = (parent, io, run) => {
  parent
    .command('list')
    .description('list the labs available (id, exercises, max score, title)')
    .option('--lang <lang>', 'fr or en (default from LANG)')
    .option('--json', 'print JSON')
    .action((options) => run(async () => (await import('./commands/list.js')).runList(options, io)));
};

/** tp init <lab> */
const init: CommandEntry = (parent, io, run) => {
  parent
    .command('init <lab>')
    .description('create answers/answers_<lab> with a "<fix me>" per answer, or add the missing ones (never overwrites an answer)')
    .option('--answers <file>', 'answers file (default answers/answers_<lab>)')
    .option('--lang <lang>', 'fr or en (default from LANG)')
    .action((lab: string, options) => run(async () => (await import('./commands/init.js')).runInit(lab, options, io)));
};

/** tp explain <lab> [exercise] */
const explain: CommandEntry = (parent, io, run) => {
  parent
    .command('explain <lab> [exercise]')
    .description('what each exercise checks, and the hints')
    .option('--lang <lang>', 'fr or en (default from LANG)')
    .action((lab: string, exercise: string | undefined, options) =>
      run(async () => (await import('./commands/explain.js')).runExplain(lab, exercise, options, io)));
};

/** tp check <lab> */
const check: CommandEntry = (parent, io, run) => {
  const checkCommand = addClusterOptions(
    parent
      .command('check <lab>')
      .description('check one target (context + namespace + answers file) and print the report')
      .addHelpText('after', `\nArguments:\n  lab  ${LAB_ARGUMENT}\n\nExit codes: 0 all passed, 1 a check failed, 2 the check could not be made.\n\nExamples:\n  ${parent.name()} check 4\n  ${parent.name()} check 4 -n alice --answers answers/answers_tp4 --format json --output report.json\n  ${parent.name()} check 4 --watch`),
  )
    .option('--answers <file>', 'answers file (default answers/answers_<lab>)')
    .addOption(new Option('--format <format>', 'report format').choices(formatNames).default('pretty'))
    .option('--output <file>', 'write the report to this file instead of the terminal')
    .option('--watch', 're-check live as the cluster and the answers file change (Ctrl-C to stop)')
    .option('--hint <level>', 'show this level of hint (1 = the first) for every failing check, instead of the next one', parseHintLevel)
    .option('--lang <lang>', 'fr or en (default from LANG: French when it starts with fr)')
    .option('--set <key=value>', 'set a lab variable (repeatable), e.g. --set registry=ghcr.io', collect, [])
    .option('--submission <file>', 'check a submission file (tp submit) instead of a cluster, offline');
  addTimeoutOption(checkCommand, 'bound for each API request and each network check', 5)
    .addOption(new Option('--http-via <way>', 'how HTTP checks reach the app: auto (proxy, then node port), proxy, nodeport').argParser(parseHttpVia).default('auto'))
    .action((lab: string, options) => run(async () => (await import('./commands/check.js')).runCheck(lab, options, io)));
};

/** tp submit <lab> */
const submit: CommandEntry = (parent, io, run) => {
  const submitCommand = addClusterOptions(
    parent
      .command('submit <lab>')
      .description('check as tp check does, and write the submission file to hand in when your trainer cannot reach your cluster')
      .addHelpText('after', `\nArguments:\n  lab  ${LAB_ARGUMENT}\n\nIt writes answers/submission_<lab>.json.gz: what tp read of your namespace that the lab's checks need (never a Secret's value), your answers, the hints you saw, your kubeconfig's facts, what the HTTP checks received, tp's version, the lab's id and digest, the time.\n\nExit codes: as tp check (0 all passed, 1 a check failed, 2 the check could not be made: then nothing is written).\n\nExamples:\n  ${parent.name()} submit 4\n  ${parent.name()} submit 4 -n alice --output alice_tp4.json.gz`),
  )
    .option('--answers <file>', 'answers file (default answers/answers_<lab>)')
    .addOption(new Option('--format <format>', 'report format on the terminal').choices(formatNames).default('pretty'))
    .option('--output <file>', 'the submission file to write (default answers/submission_<lab>.json.gz)')
    .option('--hint <level>', 'show this level of hint (1 = the first) for every failing check, instead of the next one', parseHintLevel)
    .option('--lang <lang>', 'fr or en (default from LANG: French when it starts with fr)')
    .option('--set <key=value>', 'set a lab variable (repeatable), e.g. --set registry=ghcr.io', collect, []);
  addTimeoutOption(submitCommand, 'bound for each API request and each network check', 5)
    .addOption(new Option('--http-via <way>', 'how HTTP checks reach the app: auto (proxy, then node port), proxy, nodeport').argParser(parseHttpVia).default('auto'))
    .action((lab: string, options) => run(async () => (await import('./commands/submit.js')).runSubmit(lab, options, io)));
};

/** tp grade [lab] and tp grade merge */
const grade: CommandEntry = (parent, io, run) => {
  const gradeCommand = parent
    .command('grade [lab]')
    // `--output` after `merge` is merge's own, not grade's.
    .enablePositionalOptions()
    .description('grade every student of a cohort file; write grades.csv, grades.json, report.html and feedback/<id>.md')
    .addHelpText(
      'after',
      `\nArguments:\n  lab  ${LAB_ARGUMENT} (default: the cohort file's "lab:")\n\nExit codes: 0 every student was graded (whatever their scores), 2 a student is in error (cluster unreachable, answers unreadable), the run was interrupted, or it could not run.\n\nExamples:\n  ${parent.name()} grade tp4 --cohort cohort.yaml --output grades/\n  ${parent.name()} grade tp4 --cohort cohort.yaml --shard 2/4 --output out/shard-2\n  ${parent.name()} grade tp4 --cohort cohort.yaml --watch --serve\n  ${parent.name()} grade merge out/shard-* --output grades/\n  ${parent.name()} grade merge out/ --output grades/     (out/ holds a folder per shard)`,
    )
    // Checked by the command, not by commander, which would demand it of `tp grade merge` too.
    .option('--cohort <file>', 'cohort file: the students, their namespaces or kubeconfigs, their answers files (required unless --submissions)')
    .option('--submissions <folder or zip>', "grade the submission files students handed in (tp submit), offline: a folder, or Moodle's \"download all submissions\" zip as it comes")
    .option('--output <dir>', 'directory of the gradebook', 'grades')
    .option('--format <formats>', `outputs to write: ${GRADEBOOK_FORMATS.join(', ')} (comma-separated; default ${DEFAULT_GRADEBOOK_FORMATS.join(',')})`, collect)
    .option('--concurrency <n>', 'clusters read and students graded at once', parsePositiveInteger('--concurrency'), 8)
    .option('--shard <i/n>', 'grade only the i-th of n slices of the cohort, to merge with `tp grade merge`; job/n in an Indexed Job\'s pod (i from JOB_COMPLETION_INDEX)')
    .option('--exit-zero-with-errors', 'exit 0 once the whole gradebook is written, students in error included (a Job\'s pods: only a run that could not grade fails)')
    .option('--lang <lang>', "the trainer's language, and the students' unless the cohort sets theirs (default from LANG)")
    .option('--set <key=value>', 'set a lab variable (repeatable); wins over the cohort\'s "variables:"', collect, [])
    .option('--student-timeout <duration>', 'bound for the whole grading of one student (seconds, or 90s, 2m)', parseDuration('--student-timeout'), 60)
    .option('--moodle-id <field>', "the user field Moodle's import finds students by: email, idnumber or username (default: the cohort's moodleIdentifier, else the first every student has); every student must have it")
    .option('--trust-kubeconfigs', "let students' kubeconfigs run credential plugins (exec, auth-provider) and read files (token-file, certificate and key files)")
    .option('--push <target>', 'send each graded student\'s grade and feedback to: moodle (token in TP_MOODLE_TOKEN); shows what would change, sends only with --yes')
    .option('--moodle-assignment <url>', 'with --push moodle: the address of the assignment page (https://…/mod/assign/view.php?id=N)')
    .option('--dry-run', 'with --push: show what would be sent, send nothing (the default)')
    .option('--yes', 'with --push: send')
    .option('--watch', 'grade live while the class works (LIST once, then WATCH): the gradebook and history.jsonl stay current; Ctrl-C writes the final gradebook')
    .option('--serve [host:port]', 'with --watch: serve the live page (default: loopback, a free port); its URL with a token is printed')
    .option('--stuck-after <duration>', 'with --watch: a student is stuck when a check fails this long, or nothing changes this long (seconds, or 10m)', parseDuration('--stuck-after'), 600);
  addTimeoutOption(gradeCommand, 'bound for each API request and each network check', 5)
    .addOption(new Option('--http-via <way>', 'how HTTP checks reach the app: auto (proxy, then node port), proxy, nodeport').argParser(parseHttpVia).default('auto'))
    .action((lab: string | undefined, options) => run(async () => (await import('./commands/grade.js')).runGrade(lab, options, io)));
  gradeCommand
    .command('merge <inputs...>')
    .description('merge the gradebooks of `tp grade --shard i/n` runs (their output directories or grades.json files, or a directory holding one directory per shard) into one')
    .option('--output <dir>', 'directory of the merged gradebook', 'grades')
    .option('--exit-zero-with-errors', 'exit 0 once the whole merged gradebook is written, students in error included')
    .option('--format <formats>', `outputs to write: ${GRADEBOOK_FORMATS.join(', ')} (comma-separated; default ${DEFAULT_GRADEBOOK_FORMATS.join(',')})`, collect)
    .option('--lang <lang>', 'language of the messages (default from LANG)')
    .action((inputs: string[], options) => run(async () => (await import('./commands/grade-merge.js')).runGradeMerge(inputs, options, io)));
};

/** tp snapshot <lab> */
const snapshot: CommandEntry = (parent, io, run) => {
  const snapshotCommand = addClusterOptions(
    parent
      .command('snapshot <lab>')
      .description('print what tp reads of a target for this lab, as JSON (Secret values are never read out)'),
  )
    .option('--output <file>', 'write to this file')
    .option('--set <key=value>', 'set a lab variable (repeatable)', collect, [])
    .option('--stable', 'drop uids, resource versions and timestamps (for test fixtures)');
  addTimeoutOption(snapshotCommand, 'bound for each API request', 10)
    .action((lab: string, options) => run(async () => (await import('./commands/snapshot.js')).runSnapshot(lab, options, io)));
};

/** tp lab lint, tp lab test, tp lab hash */
const lab: CommandEntry = (parent, io, run) => {
  const labCommand = parent.command('lab').description('tools for lab authors: lint, test, hash');
  labCommand
    .command('lint <paths...>')
    .description('validate lab files (schema + semantics); errors as file:line:col message')
    .action((paths: string[]) => run(async () => (await import('./commands/lab-lint.js')).runLabLint(paths, io)));

  const labTestCommand = labCommand
    .command('test <lab>')
    .description('prove a lab on the current cluster: solution 100 %, empty namespace 0, each mutation fails exactly its checks (writes only in scratch namespaces it deletes)')
    .option('--kubeconfig <file>', 'kubeconfig to use (else $KUBECONFIG, else ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('--set <key=value>', 'set a lab variable (repeatable)', collect, []);
  addTimeoutOption(labTestCommand, 'bound for each API request and each network check', 5)
    .addOption(new Option('--http-via <way>', 'auto, proxy or nodeport').argParser(parseHttpVia).default('auto'))
    .option('--settle <duration>', 'how long a scenario may take to reach its state (seconds, or 90s, 2m)', parseDuration('--settle'), 90)
    .option('--concurrency <n>', 'scenarios run at once', parsePositiveInteger('--concurrency'), 4)
    .option('--only <scenario>', 'run only this scenario (repeatable): solution, empty, a mutation id, undone:<exercise>; a partial run does not judge whether every check can fail', collect, [])
    .option('--lang <lang>', 'fr or en')
    .action((lab: string, options) => run(async () => (await import('./commands/lab-test.js')).runLabTestCommand(lab, options, io)));

  labCommand
    .command('hash <answer>')
    .description('print the salted hash of an accepted answer, for `acceptHashed` in a lab file')
    .option('--case-sensitive', 'the answer is compared case-sensitively')
    .action((answer: string, options: { caseSensitive?: boolean }) =>
      run(async () => (await import('./commands/lab-hash.js')).runLabHash(answer, options, io)));
};

/** In the order `tp --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [list, init, explain, check, submit, grade, snapshot, lab];
