// Fault: the reply is a string, not an envelope object.
module.exports = async () => 'ok';
