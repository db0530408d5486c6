/**
 * The presenter's type floor (design-language.md: nothing on the 1920 × 1080 stage under
 * 18 px) and the size the playground's views set their smallest ordinary text at. The stage
 * enlarges the views by their ratio rather than restyle each one, so their layout, which is
 * measured in their own pixels, stays as it is on the playground.
 */
export const STAGE_TYPE_FLOOR_PX = 18;
export const SMALLEST_VIEW_TEXT_PX = 11;
