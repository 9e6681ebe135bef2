// NHS.UK frontend: mark the page as scripted so components enhance themselves (see its template.njk).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');
