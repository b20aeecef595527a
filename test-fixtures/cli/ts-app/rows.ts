export interface Row {
  id: number;
  label: string;
}

export function copyAll(rows: readonly Row[]): Row[] {
  return rows.map((row) => ({ ...row }));
}
