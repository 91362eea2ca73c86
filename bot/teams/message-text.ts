/** The text of a Teams message as the person meant it: the bot's @mention removed, HTML preferred when richer. */
import { TurnContext, type Activity } from 'botbuilder';

const AT_TAG = /<at>[^<]*<\/at>/gi;

export function messageText(activity: Activity): string {
  let text = activity.text ?? '';
  if (activity.recipient?.id) text = TurnContext.removeMentionText(activity, activity.recipient.id) ?? text;
  // Mentions of anyone else are not part of the bounce either.
  text = text.replace(AT_TAG, ' ');
  // Teams also sends an HTML copy that keeps the line structure Outlook gave the pasted NDR.
  const html = activity.attachments?.find((a) => a.contentType === 'text/html' && typeof a.content === 'string');
  if (html && typeof html.content === 'string' && html.content.length > text.length) {
    return (html.content as string).replace(AT_TAG, ' ');
  }
  return text.trim();
}
