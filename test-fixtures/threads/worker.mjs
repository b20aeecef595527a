// The worker: receives price lists, answers with a small summary of each.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (message) => {
  if (message.type === 'done') {
    parentPort.close();
    return;
  }
  let total = 0;
  let max = message.items[0];
  for (const item of message.items) {
    total += item.price;
    if (item.price > max.price) max = item;
  }
  parentPort.postMessage({ region: message.region, count: message.items.length, total, dearest: max.name });
});
