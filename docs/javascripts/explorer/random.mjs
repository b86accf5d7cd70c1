// Seeded random numbers, identical in every browser and in Node: mulberry32 for
// uniforms, Box-Muller for Gaussians. Math.random cannot be seeded, so a shared link
// would otherwise show a different network to every reader.

/** A 32-bit seed from several integers, so each layer gets its own stream. */
export function mixSeed(...parts) {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x01000193);
    hash ^= hash >>> 15;
  }
  return hash >>> 0;
}

/** mulberry32: uniform numbers in [0, 1) from a 32-bit seed. */
export function uniformGenerator(seed) {
  let state = seed >>> 0;
  return function nextUniform() {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal numbers by the Box-Muller transform (both values of each pair are used). */
export function gaussianGenerator(seed) {
  const nextUniform = uniformGenerator(seed);
  let spare = null;
  return function nextGaussian() {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - nextUniform())); // 1 - u lies in (0, 1]
    const angle = 2 * Math.PI * nextUniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** A Float64Array of `count` standard normal numbers drawn from `seed`. */
export function gaussianArray(count, seed) {
  const nextGaussian = gaussianGenerator(seed);
  const values = new Float64Array(count);
  for (let index = 0; index < count; index += 1) values[index] = nextGaussian();
  return values;
}
