/**
 * Version of the cost model and engine. Bump it whenever a change moves any figure of any
 * scenario, so a Trace or a share link says which model made it.
 */
export const MODEL_VERSION = 'bootline-model/1.0.0';
