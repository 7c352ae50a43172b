import { DownloadOutlined } from '@ant-design/icons';
import { Button, message } from 'antd';
import type { ButtonProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { api, type RequestOptions } from '../api';
import { errorText } from '../errors';
import { useI18n } from '../i18n';

/**
 * Fetches a file the API serves behind authentication (statements, iCal agendas, decks) and saves it, with
 * progress on the button; the API's refusal is shown as a message unless `onRefused` takes it.
 */
export function DownloadButton(props: {
  path: string;
  filename: string;
  query?: RequestOptions['query'];
  children: ReactNode;
  testId?: string;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
  onRefused?(err: unknown): void;
}) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      type={props.type}
      size={props.size}
      loading={pending}
      data-testid={props.testId}
      onClick={() => {
        setPending(true);
        api
          .download(props.path, props.filename, props.query)
          .catch((err: unknown) => (props.onRefused ? props.onRefused(err) : void message.error(errorText(err, t), 6)))
          .finally(() => setPending(false));
      }}
    >
      {props.children}
    </Button>
  );
}
