module.exports = require('./jest-tmp.cjs').teardown;
