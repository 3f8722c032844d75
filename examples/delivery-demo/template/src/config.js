// Shop settings.
module.exports = {
  currency: 'EUR',
  sessionMinutes: 30,
};
