export * from './directory/model.js';
