/** The page a first install opens: what Backstory does (a live card), how to keep it at hand, what it does with your reading, and more packs. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../ui/i18n';
import { isFirefox, openCardShortcut, privacyUrl } from '../ui/links';
import { PackGallery } from './PackGallery';
import { SampleArticle } from './SampleArticle';

export function Welcome() {
  const [shortcut, setShortcut] = useState('');
  useEffect(() => {
    void openCardShortcut().then(setShortcut);
    // "Get more packs" in the popup links here with #packs; the section exists only after render.
    if (location.hash === '#packs') document.getElementById('packs')?.scrollIntoView();
  }, []);
  return (
    <div class="page welcome">
      <header class="masthead">
        <img class="logo" src="/icons/icon-48.png" alt="" width="40" height="40" />
        <div>
          <h1>{t('welcomeTitle')}</h1>
          <p class="tagline">{t('welcomeLede')}</p>
        </div>
      </header>
      <main>
        <section class="panel" aria-labelledby="w-try">
          <h2 id="w-try">{t('welcomeTryTitle')}</h2>
          <SampleArticle />
        </section>

        <div class="welcome-pair">
          <section class="panel" aria-labelledby="w-pin">
            <h2 id="w-pin">{t('welcomePinTitle')}</h2>
            <p>{isFirefox() ? t('welcomePinFirefox') : t('welcomePinChrome')}</p>
            <p class="hint">{shortcut ? t('welcomeShortcut', shortcut) : t('welcomeShortcutNone')}</p>
          </section>
          <section class="panel" aria-labelledby="w-privacy">
            <h2 id="w-privacy">{t('welcomePrivacyTitle')}</h2>
            <p>
              <strong>{t('welcomePrivacyPromise')}</strong>
            </p>
            <p class="hint">{t('welcomePermissionWhy')}</p>
            <p>
              <a href={privacyUrl()} target="_blank" rel="noopener noreferrer">
                {t('linkPrivacy')}
              </a>
            </p>
          </section>
        </div>

        <section class="panel" id="packs" aria-labelledby="w-packs">
          <h2 id="w-packs">{t('welcomePacksTitle')}</h2>
          <p class="panel-lede">{t('welcomePacksLede')}</p>
          <PackGallery />
        </section>
      </main>
    </div>
  );
}
