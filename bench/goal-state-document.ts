/**
 * The benchmark's 3 KB goal state: the example `vm-with-extensions.xml` with its role instance
 * copied under new instance ids (RoleInstance may repeat) until it reaches the target size.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateDocument } from '../src/validate/validate';

/** Size the document is grown to, in bytes. */
export const GOAL_STATE_TARGET_BYTES = 3 * 1024;

/**
 * Builds the document and checks that it is valid.
 * @param examples - The `examples/` folder.
 */
export function buildGoalStateDocument(examples: string): string {
  let text = fs.readFileSync(path.join(examples, 'GoalState', 'vm-with-extensions.xml'), 'utf8');
  const instance = /<RoleInstance>[\s\S]*?<\/RoleInstance>/.exec(text)?.[0];
  if (!instance) throw new Error('the GoalState example has no RoleInstance');
  for (let i = 1; Buffer.byteLength(text) < GOAL_STATE_TARGET_BYTES; i += 1) {
    text = text.replace(
      '</RoleInstanceList>',
      `${instance.replace(/<InstanceId>([^<]*)<\/InstanceId>/, `<InstanceId>$1_${i}</InstanceId>`)}\n</RoleInstanceList>`,
    );
  }
  const result = validateDocument(text, 'goal-state-3k.xml');
  if (!result.valid || result.diagnostics.length > 0)
    throw new Error(`the bench's goal state is not valid: ${JSON.stringify(result.diagnostics)}`);
  return text;
}
