// Entry point of the single executable (npm run build:exe): Node runs this one
// CommonJS bundle with the labs inside. Its argv[1] is the path it was started by,
// so a copy or link named kubectl-tp (krew installs one) answers as `kubectl tp`.
import { main } from './main.js';
import { programNameFor } from './program-name.js';

void main(process.argv.slice(2), undefined, programNameFor(process.argv[1])).then((code) => {
  process.exitCode = code;
});
