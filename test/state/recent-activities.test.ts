/**
 * The instance's memory of the activities it took (bot/teams/redelivery.ts): a redelivered activity is caught,
 * and the memory stays bounded, forgetting the oldest first.
 */
import { RecentActivities } from '../../bot/teams/redelivery';

describe('RecentActivities', () => {
  it('takes an activity once per conversation', () => {
    const recent = new RecentActivities(10);
    expect(recent.first('a:1', '100')).toBe(true);
    expect(recent.first('a:1', '100')).toBe(false);
    // The same id in another conversation is another activity.
    expect(recent.first('a:2', '100')).toBe(true);
  });

  it('forgets the oldest activities first once full, and still remembers the newest', () => {
    const recent = new RecentActivities(3);
    for (const id of ['1', '2', '3', '4', '5']) expect(recent.first('a:1', id)).toBe(true);
    // 1 and 2 were dropped to keep 3, 4 and 5.
    expect(recent.first('a:1', '4')).toBe(false);
    expect(recent.first('a:1', '5')).toBe(false);
    expect(recent.first('a:1', '3')).toBe(false);
    expect(recent.first('a:1', '1')).toBe(true);
    // Taking 1 again dropped the oldest left, 3; taking 3 again drops the next oldest, 4.
    expect(recent.first('a:1', '3')).toBe(true);
    expect(recent.first('a:1', '5')).toBe(false);
    expect(recent.first('a:1', '4')).toBe(true);
  });
});
