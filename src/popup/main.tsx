import { render } from 'preact';
import { t } from '../ui/i18n';
import { App } from './App';
import '../ui/tokens.css';
import '../ui/ui.css';
import './popup.css';
import './popup-controls.css';

document.documentElement.lang = t('@@ui_locale').replace('_', '-') || 'en';
const root = document.getElementById('app');
if (root) render(<App />, root);
