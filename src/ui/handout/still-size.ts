/**
 * The size a step still is drawn at, fixed so a step gives the same picture on any screen:
 * the timeline's label column and its plot. A still is 880 px wide, which prints at the width
 * of an A4 or Letter page's text once scaled by PRINT_ZOOM.
 */
export const STILL_WIDTH = 880;
export const STILL_LABEL_WIDTH = 120;
/** The plot's width inside a still: what the timeline draws once it has measured its box. */
export const STILL_PLOT_WIDTH = STILL_WIDTH - STILL_LABEL_WIDTH;
/** PNGs are drawn at twice the SVG's size, for slides and print. */
export const STILL_PNG_SCALE = 2;
