import { build } from './build';
import { keygen } from './keygen';
import { lint } from './lint';
import { publish } from './publish';
import { stats } from './stats';
import { synth } from './synth';
import { synthArticleCommand } from './synth-article';
import { validate } from './validate';

export interface Command {
  summary: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Every subcommand of `npm run pack`, one file each. */
export const COMMANDS: Record<string, Command> = { validate, stats, synth, 'synth-article': synthArticleCommand, keygen, publish, build, lint };
