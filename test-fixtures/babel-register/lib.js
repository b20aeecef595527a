import { join } from 'path';
import { inspect } from 'util';

export function withThree(xs) {
  const c = [...xs];
  c.push(3);
  return inspect(c) + ' ' + join('a', 'b');
}
