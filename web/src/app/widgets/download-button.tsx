import { DownloadOutlined } from '@ant-design/icons';
import { Button, message } from 'antd';
import type { ButtonProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { type ApiPath, type CallInit, downloadFile, type InitOptional } from '../api';
import { errorText } from '../errors';
import { useI18n } from '../i18n';

/** The path's parameters, required when the path has some: `init={{ params: { path: { id } } }}`. */
type DownloadInit<P extends ApiPath<'get'>> = InitOptional<'get', P> extends true ? { init?: CallInit<'get', P> } : { init: CallInit<'get', P> };

/**
 * Fetches a file the API serves behind authentication (statements, iCal agendas, decks, certificates) and saves
 * it, with progress on the button; the API's refusal is shown as a message unless `onRefused` takes it.
 */
export function DownloadButton<P extends ApiPath<'get'>>(
  props: {
    path: P;
    filename: string;
    children: ReactNode;
    testId?: string;
    type?: ButtonProps['type'];
    size?: ButtonProps['size'];
    onRefused?(err: unknown): void;
  } & DownloadInit<P>,
) {
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
        downloadFile(props.path, props.filename, props.init)
          .catch((err: unknown) => (props.onRefused ? props.onRefused(err) : void message.error(errorText(err, t), 6)))
          .finally(() => setPending(false));
      }}
    >
      {props.children}
    </Button>
  );
}
