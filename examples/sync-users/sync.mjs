/**
 * The whole integration: follow the tenant's change feed from the saved cursor and copy each changed user
 * into the app's table. Events are thin (ids and versions), so the user is read from the store; if it is
 * gone by then, a later `user.deleted` is on its way, and removing it now is the same end state.
 */
import { events } from '@provisio/server';

/** The app's view of a SCIM user: what this app keeps, nothing more. */
function toAppUser(resource) {
  const emails = Array.isArray(resource.emails) ? resource.emails : [];
  const email = emails.find((e) => e.primary) ?? emails[0];
  return {
    userName: resource.userName,
    displayName: resource.displayName ?? null,
    email: email?.value ?? null,
    active: resource.active === false ? 0 : 1,
  };
}

/** Runs until `signal` aborts. */
export async function syncUsers(store, tenantId, appUsers, { signal } = {}) {
  const feed = events(store, tenantId, { after: appUsers.cursor(tenantId), ...(signal ? { signal } : {}) });
  for await (const event of feed) {
    if (event.resourceType !== 'User') {
      appUsers.skip(tenantId, event.seq);
      continue;
    }
    const current = await store.users
      .get(tenantId, event.resourceId, { groups: false })
      .catch((error) => (error.status === 404 ? undefined : Promise.reject(error)));
    appUsers.apply(tenantId, event.seq, event.resourceId, current && toAppUser(current.resource));
  }
}
