import { EditMap } from 'micromark-util-edit-map';
// Not in micromark's exports map: reached by path so that this module, micromark's parser and the
// bundle all share the one `text` and `string` objects patched below.
import { string, text } from '../../node_modules/micromark/lib/initialize/text.js';

/**
 * Two places where micromark's time grows with the square of the input, made linear without
 * changing a single event (briefkit's hostile-input scaling test measures both):
 *
 * - `EditMap#consume` copies every event before the first edit, and micromark calls it each time
 *   a container (a list item, a definition, a quote) closes around a lazy line.
 * - The text resolver merges runs of adjacent `data` events with one `splice` per run, each
 *   moving the rest of the paragraph: a paragraph of unclosed links (`[a](b [a](b …`) has
 *   thousands of runs.
 */
type Events = Parameters<EditMap['consume']>[0];
interface EditMapInternals {
  map: [number, number, Events][];
  index?: { clear(): void };
}

EditMap.prototype.consume = function consume(this: EditMap, events: Events): undefined {
  const self = this as unknown as EditMapInternals;
  self.map.sort((a, b) => a[0] - b[0]);
  if (self.map.length === 0) return;
  // The events before the first edit stay where they are; only the tail is rebuilt.
  const tails: Events[] = [];
  for (let index = self.map.length - 1; index >= 0; index--) {
    const [at, remove, add] = self.map[index] as [number, number, Events];
    tails.push(events.slice(at + remove), add);
    events.length = at;
  }
  for (let slice = tails.pop(); slice; slice = tails.pop())
    for (const event of slice) events.push(event);
  self.map.length = 0;
  self.index?.clear();
};

/** Merges each run of adjacent `data` events into its first, in one pass (what micromark does). */
function mergeData(events: Events): Events {
  let write = 0;
  for (let read = 0; read < events.length;) {
    const event = events[read] as Events[number];
    if (event[1].type !== 'data') {
      events[write++] = event;
      read++;
      continue;
    }
    // A data token is an enter and an exit of one token: a run is enter, exit, enter, exit, ….
    let next = read + 2;
    while (events[next]?.[1].type === 'data') next += 2;
    if (next > read + 2) event[1].end = (events[next - 1] as Events[number])[1].end;
    events[write++] = event;
    events[write++] = events[read + 1] as Events[number];
    read = next;
  }
  events.length = write;
  return events;
}

for (const initial of [text, string]) {
  const resolve = initial.resolveAll;
  if (resolve) initial.resolveAll = (events, context) => resolve(mergeData(events), context);
}
