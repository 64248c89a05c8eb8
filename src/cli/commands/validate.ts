import { describeProblems } from '../../core/pack-validate';
import { readPackFile } from '../read-pack';
import type { Command } from './index';

export const validate: Command = {
  summary: 'validate FILE — check a pack (.json or .json.gz) exactly as the extension does',
  async run(args) {
    const file = args[0];
    if (!file) throw new Error('usage: validate FILE');
    const r = readPackFile(file);
    if (!r.ok) {
      console.error(`${file}: invalid\n${describeProblems(r.error)}`);
      return 1;
    }
    console.log(`${file}: valid — ${r.value.title} (${r.value.id}) v${r.value.version}, ${r.value.entities.length} entities`);
    return 0;
  },
};
