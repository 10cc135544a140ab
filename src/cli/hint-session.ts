// Hints that climb, for `tp check`: before a report is shown, the hint state
// beside the answers file says which level each failing check has reached; the
// report gets that level's hint and the state the new count. A plain run is one
// look; `--watch` is one session of many looks, where a check climbs once per
// failing episode (when it starts failing), not on every refresh. `--hint N`
// shows level N of every failing check. Trouble with the state file is a
// warning on stderr: hints never stop a check.
import type { Lab } from '../lab/types.js';
import type { Report } from '../engine/types.js';
import { failingWithHints, hintCountsOf, withHintLevels } from '../engine/hint-levels.js';
import { climbHints } from '../answers/hint-state.js';
import { hintStatePath, readHintState, writeHintState } from '../answers/hint-file.js';
import type { Lang } from '../core/text.js';

export interface HintSession {
  /** The report with each failing check's hint at its level; the state file updated. */
  look(report: Report): Promise<Report>;
}

export interface HintSessionOptions {
  lab: Lab;
  answersFile: string;
  lang: Lang;
  /** `--hint N`. */
  asked?: number;
  warn: (text: string) => void;
}

export const hintSession = (options: HintSessionOptions): HintSession => {
  const { lab, lang, asked, warn } = options;
  const hintCounts = hintCountsOf(lab);
  const path = hintStatePath(options.answersFile, lab.id);
  // The checks failing at the previous look of this session: they keep their level.
  let stillFailing = new Set<string>();
  return {
    async look(report) {
      const failing = failingWithHints(report, hintCounts);
      if (failing.size === 0 && stillFailing.size === 0) return report;
      // Read again at every look: another terminal's run may have climbed meanwhile.
      const read = await readHintState(path, hintCounts);
      if (read.warning) warn(read.warning);
      const climb = climbHints(read.state, { failing, stillFailing, ...(asked === undefined ? {} : { asked }) });
      stillFailing = new Set(failing.keys());
      const changed = JSON.stringify(climb.state.levels) !== JSON.stringify(read.state.levels);
      if (changed) {
        const problem = await writeHintState(path, lab.id, climb.state);
        if (problem) warn(problem);
      }
      return withHintLevels(report, lab, climb.shown, lang);
    },
  };
};
