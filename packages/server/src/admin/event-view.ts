/** How the admin API, SSE streams and webhook bodies show a change event. */
import { CHANGE_EVENT_TYPES, type ChangeEvent } from '@provisio/store';

export interface EventView {
  readonly seq: number;
  readonly time: string;
  readonly type: ChangeEvent['type'];
  readonly resourceType: ChangeEvent['resourceType'];
  readonly resourceId: string;
  readonly data: ChangeEvent['data'];
}

export function viewEvent(event: ChangeEvent): EventView {
  const { seq, time, type, resourceType, resourceId, data } = event;
  return { seq, time, type, resourceType, resourceId, data };
}

/** The JSON schema of {@link EventView}. */
export const EVENT_SCHEMA = {
  type: 'object',
  required: ['seq', 'time', 'type', 'resourceType', 'resourceId', 'data'],
  properties: {
    seq: { type: 'integer' },
    time: { type: 'string', format: 'date-time' },
    type: { type: 'string', enum: CHANGE_EVENT_TYPES },
    resourceType: { type: 'string', enum: ['User', 'Group'] },
    resourceId: { type: 'string' },
    data: {
      type: 'object',
      properties: {
        version: { type: 'integer' },
        members: { type: 'array', items: { type: 'string' } },
        displayName: { type: 'string' },
      },
    },
  },
} as const;
