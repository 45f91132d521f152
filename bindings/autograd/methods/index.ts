/** Installs the Tensor methods: importing this module adds them to Tensor.prototype. */
import './elementwise.js';
import './reduce.js';
import './shape.js';
