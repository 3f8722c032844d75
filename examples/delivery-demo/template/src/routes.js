// Every HTTP route of the shop: [method, path, handler name].
// Each domain adds its routes below its own marker.
const routes = [
  ['GET', '/health', 'health'],

  // auth routes

  // payments routes

  // profile routes
];

module.exports = { routes };
