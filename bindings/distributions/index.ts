/** Probability distributions as torch.distributions has them; sampling draws from webgrad's seeded sources. */
export { Multinomial, type SampleOptions } from './multinomial-distribution.js';
