/* geomap map: inline SVG icons, one per event type (no icon font, nothing fetched).
 *
 * Icons are made from the constants below and the type's colour (from geomap's own
 * palette, never from article text): a disc in the type's colour with a white glyph; an
 * area (district, region, country) has a dashed dark ring instead of a white one.
 */
(function () {
  "use strict";
  const G = (window.GeomapConsole = window.GeomapConsole || {});

  const WHITE = 'stroke="#fff" fill="none" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"';
  /** Glyphs in a 24×24 box, drawn at two thirds of the disc. */
  const GLYPHS = {
    // crossed swords
    battles: `<path d="M5 5l14 14M19 5L5 19M3.5 8.5l5-5M20.5 8.5l-5-5" ${WHITE}/>`,
    // a burst
    explosions_remote_violence:
      '<path d="M12 2l2.2 5.6 5.4-2.6-2.4 5.5L23 12l-5.8 1.5 2.4 5.5-5.4-2.6L12 22l-2.2-5.6' +
      '-5.4 2.6 2.4-5.5L1 12l5.8-1.5-2.4-5.5 5.4 2.6z" fill="#fff"/>',
    // a person
    violence_against_civilians:
      '<circle cx="12" cy="6.5" r="3.5" fill="#fff"/><path d="M5 21v-3.5a7 7 0 0114 0V21z" fill="#fff"/>',
    // a placard on a pole
    protests: `<path d="M12 22V12M5 3h14v9H5z" ${WHITE}/>`,
    // a flame
    riots:
      '<path d="M12 2c1 4.5 7 6.5 7 12.5a7 7 0 01-14 0c0-3.5 2.5-5 2.5-7.5 2 1.2 3 3.5 3 3.5' +
      ' 1.5-3 1.5-5.5 1.5-8.5z" fill="#fff"/>',
    // a flag
    strategic_developments: `<path d="M6 22V3M6 4h12l-3 4.5 3 4.5H6" ${WHITE}/>`,
    // waves
    disaster: `<path d="M2 9c3.3-3 6.7 3 10 0s6.7 3 10 0M2 16c3.3-3 6.7 3 10 0s6.7 3 10 0" ${WHITE}/>`,
    // a warning triangle
    accident: `<path d="M12 3l10 18H2z" ${WHITE}/><path d="M12 10v5M12 18.2v.1" ${WHITE}/>`,
    // a dot
    other: '<circle cx="12" cy="12" r="5" fill="#fff"/>',
  };

  /**
   * The SVG markup of an event type's icon.
   * @param {string} type an event type key (unknown keys draw as "other")
   * @param {string} color the type's colour (a constant of geomap's palette)
   * @param {number} size width and height in pixels
   * @param {boolean} area whether the event's place is an area
   * @returns {string} trusted SVG markup
   */
  G.icon = function (type, color, size, area) {
    const glyph = Object.prototype.hasOwnProperty.call(GLYPHS, type) ? GLYPHS[type] : GLYPHS.other;
    const ring = area
      ? 'stroke="#222" stroke-width="2" stroke-dasharray="3.2 2"'
      : 'stroke="#fff" stroke-width="1.6"';
    return (
      `<svg class="geomap-icon" width="${size}" height="${size}" viewBox="0 0 24 24" aria-hidden="true">` +
      `<circle cx="12" cy="12" r="10.8" fill="${color}" ${ring}/>` +
      `<g transform="translate(12 12) scale(.6) translate(-12 -12)">${glyph}</g></svg>`
    );
  };

  /**
   * A CSS rule giving elements of a class the type's icon as their background: the SVG is
   * decoded once and painted for every marker, instead of one SVG document per marker.
   * @param {string} cls the class name (made by geomap from an index)
   * @param {string} type an event type key
   * @param {string} color the type's colour
   * @param {boolean} area whether the icon is an area's
   * @returns {string} the CSS rule
   */
  G.iconRule = function (cls, type, color, area) {
    const svg = G.icon(type, color, 24, area).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ');
    return `.${cls}{background:url("data:image/svg+xml,${encodeURIComponent(svg)}") center/contain no-repeat}`;
  };
})();
