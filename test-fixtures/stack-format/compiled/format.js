/** A copy of `row` with one more tag: the copy is a site that cowlens edits, on the line that throws. */
export function withTag(row, tag) {
    const copy = { ...row, tags: [...row.tags] };
    if (tag === '')
        throw new RangeError(`empty tag for row ${row.id}`);
    copy.tags.push(tag);
    return copy;
}
//# sourceMappingURL=format.js.map