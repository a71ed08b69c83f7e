module.exports = require('./jest-tmp.cjs').setup;
