//! A chart saved as a picture: its `<svg>` copied with every element's
//! computed style written on it, so that the file needs no stylesheet, and
//! that SVG drawn on a canvas at twice its size for a PNG.

use super::accounts::{download, download_url};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlImageElement};
use yew::prelude::*;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// How many pixels of the PNG a CSS pixel of the chart becomes.
const PNG_SCALE: f64 = 2.0;
/// The properties the charts' stylesheet sets on SVG elements.
const STYLED: [&str; 12] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "visibility",
];

/// Writes the computed value of each of [`STYLED`] of `from` as `to`'s style.
fn inline_style(window: &web_sys::Window, from: &Element, to: &Element) {
    let Ok(Some(computed)) = window.get_computed_style(from) else { return };
    let style: String = STYLED
        .iter()
        .filter_map(|p| computed.get_property_value(p).ok().filter(|v| !v.is_empty()).map(|v| format!("{p}:{v};")))
        .collect();
    let _ = to.set_attribute("style", &style);
}

/// The colour behind `el`: the first ancestor's background that is not
/// transparent, else white.
fn background(window: &web_sys::Window, el: &Element) -> String {
    let mut at = Some(el.clone());
    while let Some(el) = at {
        if let Ok(Some(style)) = window.get_computed_style(&el) {
            let colour = style.get_property_value("background-color").unwrap_or_default();
            if !colour.is_empty() && colour != "transparent" && colour != "rgba(0, 0, 0, 0)" {
                return colour;
            }
        }
        at = el.parent_element();
    }
    "white".into()
}

/// The chart as a standalone SVG document and its size in CSS pixels: the
/// drawing as shown, on its background, titled `title`.
pub fn standalone_svg(svg: &Element, title: &str) -> Option<(String, f64, f64)> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let copy: Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    inline_style(&window, svg, &copy);
    let (originals, copies) = (svg.query_selector_all("*").ok()?, copy.query_selector_all("*").ok()?);
    for i in 0..originals.length() {
        let from = originals.item(i).and_then(|n| n.dyn_into::<Element>().ok());
        let to = copies.item(i).and_then(|n| n.dyn_into::<Element>().ok());
        if let (Some(from), Some(to)) = (from, to) {
            inline_style(&window, &from, &to);
        }
    }
    let (width, height) = (f64::from(svg.client_width()), f64::from(svg.client_height()));
    for attribute in ["tabindex", "role", "aria-label"] {
        let _ = copy.remove_attribute(attribute);
    }
    copy.set_attribute("width", &width.to_string()).ok()?;
    copy.set_attribute("height", &height.to_string()).ok()?;
    let backdrop = document.create_element_ns(Some(SVG_NS), "rect").ok()?;
    for (name, value) in [("width", "100%"), ("height", "100%"), ("fill", &background(&window, svg))] {
        backdrop.set_attribute(name, value).ok()?;
    }
    let name = document.create_element_ns(Some(SVG_NS), "title").ok()?;
    name.set_text_content(Some(title));
    copy.prepend_with_node_2(&name, &backdrop).ok()?;
    // The copy's elements are in the SVG namespace: the serializer writes its `xmlns`.
    let text = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&copy).ok()?;
    Some((text, width, height))
}

/// Draws an SVG document on a canvas [`PNG_SCALE`] times its size and saves
/// it as `name`: the image loads from an object URL of the page (the
/// Content-Security-Policy allows `blob:` images), so nothing is fetched.
fn save_png(svg: &str, width: f64, height: f64, name: String) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&svg.into()), &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = HtmlImageElement::new()?;
    let drawn = image.clone();
    let source = url.clone();
    let on_load = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&source);
        let draw = || -> Result<String, JsValue> {
            let canvas: HtmlCanvasElement = web_sys::window()
                .and_then(|w| w.document())
                .ok_or("no document")?
                .create_element("canvas")?
                .dyn_into()?;
            canvas.set_width((width * PNG_SCALE).round() as u32);
            canvas.set_height((height * PNG_SCALE).round() as u32);
            let context: web_sys::CanvasRenderingContext2d =
                canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
            context.scale(PNG_SCALE, PNG_SCALE)?;
            context.draw_image_with_html_image_element_and_dw_and_dh(&drawn, 0.0, 0.0, width, height)?;
            canvas.to_data_url_with_type("image/png")
        };
        match draw() {
            Ok(png) => download_url(&name, &png),
            Err(e) => web_sys::console::error_2(&"the chart could not be drawn as PNG".into(), &e),
        }
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    /// The chart's `<svg>`.
    pub svg: NodeRef,
    pub title: AttrValue,
    /// The files' name without its extension.
    pub file: AttrValue,
}

/// Two buttons that save the chart beside them as SVG and as PNG; each
/// one's name starts with the words it shows, and names the chart.
#[function_component]
pub fn ChartExport(props: &ExportProps) -> Html {
    let export = |png: bool| {
        let (svg, title, file) = (props.svg.clone(), props.title.clone(), props.file.clone());
        Callback::from(move |_: MouseEvent| {
            let Some((text, width, height)) = svg.cast::<Element>().and_then(|el| standalone_svg(&el, &title)) else {
                return;
            };
            if !png {
                download(&format!("{file}.svg"), &text, "image/svg+xml");
            } else if let Err(e) = save_png(&text, width, height, format!("{file}.png")) {
                web_sys::console::error_2(&"the chart could not be drawn as PNG".into(), &e);
            }
        })
    };
    html! {
        <span class="chart-export">
            <button type="button" class="button secondary export-svg" onclick={export(false)}
                aria-label={format!("Save as SVG: {}", props.title)}>{"Save as SVG"}</button>
            <button type="button" class="button secondary export-png" onclick={export(true)}
                aria-label={format!("Save as PNG: {}", props.title)}>{"Save as PNG"}</button>
        </span>
    }
}
