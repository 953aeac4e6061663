#!/usr/bin/env python3
"""Fills labconsole_en.ts, which lupdate -pluralonly keeps to the messages with %n, with the
English singular and plural of each source text: "(s)" / "(es)" become "" and "s" / "es".

Run after `cmake --build <build> --target labconsole_lupdate`:  translations/english_plurals.py
"""
import pathlib
import re
import xml.etree.ElementTree as ET

path = pathlib.Path(__file__).with_name("labconsole_en.ts")
tree = ET.parse(path)
for message in tree.getroot().iter("message"):
    if message.get("numerus") != "yes":
        continue
    source = message.find("source").text
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    singular = re.sub(r"\((e?s)\)", "", source)
    plural = re.sub(r"\((e?s)\)", r"\1", source)
    for form, text in zip(forms, [singular, plural]):
        form.text = text
    translation.attrib.pop("type", None)
tree.write(path, encoding="utf-8", xml_declaration=True)
# lupdate writes a DOCTYPE line; keep the file the way lupdate would write it.
text = path.read_text(encoding="utf-8")
text = text.replace("<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
