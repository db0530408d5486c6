/**
 * What the user selected (a span for now; pages, mappings and resets later): every view
 * highlights the same thing, and the editor highlights the fields that drive it.
 */
export class Selection {
  spanId = $state<number | undefined>(undefined);
  /** Scenario fields (dotted paths) to highlight in the editor. */
  fields = $state<readonly string[]>([]);
  /** Bumped to ask the editor to reveal the first field. */
  revealRevision = $state(0);

  selectSpan(id: number | undefined, fields: readonly string[] = []): void {
    this.spanId = id;
    this.fields = fields;
  }

  revealField(path: string): void {
    this.fields = [path];
    this.revealRevision++;
  }
}
