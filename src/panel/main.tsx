import { render } from 'preact';
import '../ui/tokens.css';
import '../ui/card.css';
import './panel.css';
import { Panel, requestFromUrl } from './Panel';

const root = document.getElementById('app');
if (root) render(<Panel request={requestFromUrl(location.href)} />, root);
