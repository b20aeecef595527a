import { copyAll, type Row } from './rows.js';

const rows: Row[] = Array.from({ length: 50 }, (_, i) => ({ id: i, label: `row ${i}` }));
const copied = copyAll(rows);
copied[0]!.label = 'first';
console.log(copied.length, rows[0]!.label, copied[0]!.label);
if (process.env.COWLENS_TEST_THROW === '1') throw new Error('thrown on line 7 of main.ts');
