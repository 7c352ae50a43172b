/**
 * E-mail and SMS texts, in 简体中文, 繁體中文 and English (the recipient's users.locale; zh-CN when unset).
 * Each template renders a subject, a plain-text body, an HTML body and a short SMS text. Values are
 * escaped in the HTML. The zh-Hant texts are written out here (few and short) rather than converted at
 * run time (OpenCC is a build-time tool of the portal, docs/i18n.md); message-templates.spec.ts fails
 * when they differ from what the portal's converter and glossary make of the zh-CN ones.
 */
export type MessageLocale = 'zh-CN' | 'zh-Hant' | 'en';

export type TemplateName = 'notification' | 'approval.task_reminder' | 'account.invitation' | 'account.password_reset';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  sms: string;
}

type Values = Record<string, string>;

interface Template {
  subject: (v: Values) => string;
  /** Paragraphs; a paragraph may end in a link (`link` names the value). */
  lines: (v: Values) => string[];
  link?: { key: string; label: string };
  sms: (v: Values) => string;
}

const SIGNATURE: Record<MessageLocale, string> = {
  'zh-CN': '长三角G60科创走廊 创新券与科创路演平台（系统邮件，请勿直接回复）',
  'zh-Hant': '長三角G60科創走廊 創新券與科創路演平臺（系統郵件，請勿直接回復）',
  en: 'G60 Science & Innovation Corridor — innovation vouchers and roadshows (automatic message, please do not reply)',
};

const ROLE_NAMES: Record<MessageLocale, Record<string, string>> = {
  'zh-CN': { enterprise_user: '企业用户', provider_user: '服务机构用户', reviewer: '区县审核员', approver: '市级审批员', finance: '财政人员', partner_admin: '合作地区管理员', investor: '投资机构用户', platform_admin: '平台管理员', roadshow_organiser: '路演组织方' },
  'zh-Hant': { enterprise_user: '企業用戶', provider_user: '服務機構用戶', reviewer: '區縣審核員', approver: '市級審批員', finance: '財政人員', partner_admin: '合作地區管理員', investor: '投資機構用戶', platform_admin: '平臺管理員', roadshow_organiser: '路演組織方' },
  en: { enterprise_user: 'enterprise user', provider_user: 'provider user', reviewer: 'district reviewer', approver: 'city approver', finance: 'finance officer', partner_admin: 'partner region admin', investor: 'investor', platform_admin: 'platform admin', roadshow_organiser: 'roadshow organiser' },
};

const TEMPLATES: Record<TemplateName, Record<MessageLocale, Template>> = {
  notification: {
    'zh-CN': {
      subject: (v) => `【G60平台】${v.title}`,
      lines: (v) => [v.body, '在平台的“消息”页面查看详情：'],
      link: { key: 'link', label: '打开消息' },
      sms: (v) => `【G60平台】${v.title}`,
    },
    'zh-Hant': {
      subject: (v) => `【G60平臺】${v.title}`,
      lines: (v) => [v.body, '在平臺的“消息”頁面查看詳情：'],
      link: { key: 'link', label: '打開消息' },
      sms: (v) => `【G60平臺】${v.title}`,
    },
    en: {
      subject: (v) => `[G60] ${v.title}`,
      lines: (v) => ['You have a new notification on the G60 platform:', `${v.title}\n${v.body}`, 'See it under Notifications:'],
      link: { key: 'link', label: 'Open notifications' },
      sms: (v) => `[G60] New notification: ${v.title}`,
    },
  },
  'approval.task_reminder': {
    'zh-CN': {
      subject: (v) => `【G60平台】审批即将超时：${v.caseTitle}`,
      lines: (v) => [`“${v.caseTitle}”的${v.stageName}环节将于 ${v.dueAt} 到期，请及时处理。`, '打开待办：'],
      link: { key: 'link', label: '处理待办' },
      sms: (v) => `【G60平台】审批即将超时：${v.caseTitle}，${v.dueAt} 到期`,
    },
    'zh-Hant': {
      subject: (v) => `【G60平臺】審批即將超時：${v.caseTitle}`,
      lines: (v) => [`“${v.caseTitle}”的${v.stageName}環節將於 ${v.dueAt} 到期，請及時處理。`, '打開待辦：'],
      link: { key: 'link', label: '處理待辦' },
      sms: (v) => `【G60平臺】審批即將超時：${v.caseTitle}，${v.dueAt} 到期`,
    },
    en: {
      subject: (v) => `[G60] Review due soon: ${v.caseTitle}`,
      // The English stage name where the task has one (params.stageNameEn), else the Chinese one.
      lines: (v) => [`The ${v.stageNameEn || v.stageName} step of "${v.caseTitle}" is due at ${v.dueAt}. Please decide it in time.`, 'Open your tasks:'],
      link: { key: 'link', label: 'Open tasks' },
      sms: (v) => `[G60] Review due ${v.dueAt}: ${v.caseTitle}`,
    },
  },
  'account.invitation': {
    'zh-CN': {
      subject: (v) => `【G60平台】邀请您加入“${v.organizationName}”`,
      lines: (v) => [`“${v.organizationName}”邀请您以${v.roleName}身份使用长三角G60科创走廊 创新券与科创路演平台。`, `请在 ${v.expiresAt} 前打开下面的链接，设置姓名和密码以接受邀请：`],
      link: { key: 'link', label: '接受邀请' },
      sms: (v) => `【G60平台】${v.organizationName}邀请您加入平台，请查收邮件`,
    },
    'zh-Hant': {
      subject: (v) => `【G60平臺】邀請您加入“${v.organizationName}”`,
      lines: (v) => [`“${v.organizationName}”邀請您以${v.roleName}身份使用長三角G60科創走廊 創新券與科創路演平臺。`, `請在 ${v.expiresAt} 前打開下面的鏈接，設置姓名和密碼以接受邀請：`],
      link: { key: 'link', label: '接受邀請' },
      sms: (v) => `【G60平臺】${v.organizationName}邀請您加入平臺，請查收郵件`,
    },
    en: {
      subject: (v) => `[G60] You are invited to join ${v.organizationName}`,
      lines: (v) => [`${v.organizationName} invites you to the G60 innovation voucher and roadshow platform as ${v.roleName}.`, `Open the link below before ${v.expiresAt} to choose your name and password:`],
      link: { key: 'link', label: 'Accept the invitation' },
      sms: (v) => `[G60] ${v.organizationName} invited you; see your e-mail`,
    },
  },
  'account.password_reset': {
    'zh-CN': {
      subject: () => '【G60平台】重置密码',
      lines: (v) => ['有人（希望是您本人）请求重置您在平台的密码。', `下面的链接可以使用一次，${v.minutes} 分钟内有效：`],
      link: { key: 'link', label: '重置密码' },
      sms: () => '【G60平台】重置密码的链接已发送到您的邮箱',
    },
    'zh-Hant': {
      subject: () => '【G60平臺】重置密碼',
      lines: (v) => ['有人（希望是您本人）請求重置您在平臺的密碼。', `下面的鏈接可以使用一次，${v.minutes} 分鐘內有效：`],
      link: { key: 'link', label: '重置密碼' },
      sms: () => '【G60平臺】重置密碼的鏈接已發送到您的郵箱',
    },
    en: {
      subject: () => '[G60] Reset your password',
      lines: (v) => ['Someone (hopefully you) asked to reset your password on the G60 platform.', `The link below works once, for ${v.minutes} minutes:`],
      link: { key: 'link', label: 'Reset my password' },
      sms: () => '[G60] A password reset link was sent to your e-mail',
    },
  },
};

const NOT_ME: Record<MessageLocale, string> = {
  'zh-CN': '如果不是您本人操作，请忽略本邮件，您的密码不会改变。',
  'zh-Hant': '如果不是您本人操作，請忽略本郵件，您的密碼不會改變。',
  en: 'If this was not you, ignore this e-mail: your password stays as it is.',
};

export function isTemplateName(name: string): name is TemplateName {
  return name in TEMPLATES;
}

export function messageLocale(locale: string | null | undefined): MessageLocale {
  return locale === 'en' || locale === 'zh-Hant' ? locale : 'zh-CN';
}

export function roleName(locale: MessageLocale, role: string): string {
  return ROLE_NAMES[locale][role] ?? role;
}

export function renderMessage(name: TemplateName, locale: MessageLocale, values: Values): RenderedMessage {
  const t = TEMPLATES[name][locale];
  const subject = t.subject(values);
  const lines = t.lines(values);
  const link = t.link ? values[t.link.key] : undefined;
  // A reset link nobody asked for must say what to do (nothing).
  const after = name === 'account.password_reset' ? [NOT_ME[locale]] : [];
  const text = [...lines, ...(link ? [link] : []), ...after, '--', SIGNATURE[locale]].join('\n\n');
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; font-size: 16px; line-height: 1.6; color: #1f1f1f">',
    ...lines.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`),
    link && t.link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(t.link.label)}</a><br><span style="color:#595959">${escapeHtml(link)}</span></p>` : '',
    ...after.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<hr><p style="color:#595959; font-size: 14px">${escapeHtml(SIGNATURE[locale])}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html, sms: t.sms(values).slice(0, 200) };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
