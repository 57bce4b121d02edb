// Writes the binary sample files the ingest tests read (PDFs and DOCX zips), so they are reproducible from code
// rather than downloaded. Run: `npm exec -- node workers/ingest/testdata/makeSamples.ts` (Node 24 type stripping).
import { writeFileSync } from 'node:fs';
import { deflateRawSync, crc32 } from 'node:zlib';
import { join } from 'node:path';

const here = import.meta.dirname;

/** A PDF with the given page content streams (and optional shared resources), xref offsets computed. */
function pdf(pages: string[], resources: string, extraObjects: string[] = []): Buffer {
	const objects: string[] = [];
	const pageIds = pages.map((_, index) => 3 + index * 2);
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
	pages.forEach((content, index) => {
		const id = pageIds[index]!;
		objects[id] =
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents ${id + 1} 0 R >>`;
		objects[id + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
	});
	let next = 3 + pages.length * 2;
	for (const extra of extraObjects) objects[next++] = extra;
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	for (let id = 1; id < objects.length; id++) {
		offsets[id] = Buffer.byteLength(out, 'latin1');
		out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
	}
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
	for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

const escapePdf = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
const textPage = (lines: string[]) =>
	`BT /F1 12 Tf 14 TL 72 740 Td ${lines.map((line) => `(${escapePdf(line)}) Tj T*`).join(' ')} ET`;

const body = [
	[
		'A contract is an agreement between two or more parties that the law will enforce.',
		'Each party must give something of value, which lawyers call consideration.'
	],
	[
		'An offer must be definite enough that a court can tell what was promised.',
		'Acceptance must mirror the offer; a counter-offer rejects the original offer.'
	],
	[
		'Damages for breach put the injured party where performance would have left them.',
		'Courts rarely order specific performance except for land and unique goods.'
	]
];
const textPdf = pdf(
	body.map((lines, index) => textPage(['Contract Law Handbook', ...lines, `Page ${index + 1} of ${body.length}`])),
	'<< /Font << /F1 9 0 R >> >>',
	['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
);
writeFileSync(join(here, 'contract-law.pdf'), textPdf);

/** A page of lines placed one by one: [font, size, text, distance from the previous baseline]. */
const placedPage = (lines: Array<[string, number, string, number]>) => {
	let y = 760;
	return lines
		.map(([font, size, text, gap]) => {
			y -= gap;
			return `BT /${font} ${size} Tf 72 ${y} Td (${escapePdf(text)}) Tj ET`;
		})
		.join('\n');
};
// The beekeeping notes as a typeset PDF: headings in bold at 20 and 15 pt over 11 pt body text with 14 pt leading,
// paragraphs 24 pt apart; the last heading of page 1 opens the text on page 2.
const beePdf = pdf(
	[
		placedPage([
			['F2', 20, 'Keeping bees', 20],
			['F1', 11, 'Honey bees live in colonies of tens of thousands of workers, one queen', 30],
			['F1', 11, 'and a few hundred drones. A beginner needs a hive, a veil and a smoker.', 14],
			['F2', 15, 'Colony life', 30],
			['F1', 11, 'Workers regulate the temperature of the brood nest. In winter they cluster', 22],
			['F1', 11, 'and shiver their flight muscles so that the fans vibrate.', 14],
			['F2', 15, 'Hive design', 30],
			['F1', 11, 'The Langstroth hive uses movable frames spaced by the bee space, about', 22],
			['F1', 11, 'eight millimetres. Bees fill any smaller gap with propolis.', 14],
			['F1', 11, 'Deep boxes hold the brood, and shallow supers above them hold the honey.', 24],
			['F2', 15, 'Inspections', 480]
		]),
		placedPage([
			['F1', 11, 'Open the hive on a warm, still day. Work from the side, not the front,', 20],
			['F1', 11, 'and keep the frames over the box so that no bee falls into the grass.', 14]
		])
	],
	'<< /Font << /F1 7 0 R /F2 8 0 R >> >>',
	[
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>'
	]
);
writeFileSync(join(here, 'beekeeping.pdf'), beePdf);

// A scan: one page that paints a 2×2 grey image and has no text operators at all.
const imagePdf = pdf(['q 200 0 0 200 72 500 cm /Im1 Do Q'], '<< /XObject << /Im1 5 0 R >> >>', [
	'<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x10\x80\x80\x10\nendstream'
]);
writeFileSync(join(here, 'scanned-only-images.pdf'), imagePdf);

/** A zip archive (deflated entries), as a DOCX is one. */
function zip(entries: Array<[string, Buffer]>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, data] of entries) {
		const nameBytes = Buffer.from(name, 'utf8');
		const packed = deflateRawSync(data, { level: 9 });
		const crc = crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(nameBytes.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(packed.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(nameBytes.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, nameBytes, packed);
		centrals.push(central, nameBytes);
		offset += local.length + nameBytes.length + packed.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
/** A paragraph: its text, or its text with a paragraph style (a heading's). */
type Paragraph = string | { style: string; text: string };
const paragraphXml = (p: Paragraph) =>
	typeof p === 'string'
		? `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`
		: `<w:p><w:pPr><w:pStyle w:val="${p.style}"/></w:pPr><w:r><w:t xml:space="preserve">${p.text}</w:t></w:r></w:p>`;
const documentXml = (paragraphs: Paragraph[], padding = '') =>
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
		.map(paragraphXml)
		.join('')}${padding}</w:body></w:document>`;
// Word's heading styles, named as LibreOffice names them; a style used but not defined ("Title") has only its id.
const stylesXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>`;
const docx = (document: string, styles?: string) =>
	zip([
		['[Content_Types].xml', Buffer.from(contentTypes)],
		['_rels/.rels', Buffer.from(rels)],
		['word/document.xml', Buffer.from(document)],
		...(styles === undefined ? [] : [['word/styles.xml', Buffer.from(styles)] as [string, Buffer]])
	]);

writeFileSync(
	join(here, 'veterinary-notes.docx'),
	docx(
		documentXml([
			'Dogs need a rabies vaccination every one to three years, depending on the vaccine and local law.',
			'Cats that go outdoors should be vaccinated against feline leukaemia as kittens and boosted a year later.',
			'Contact the clinic at reception@example.org for appointments.'
		])
	)
);
// The beekeeping notes of testdata/beekeeping.md as a Word document with a title and heading styles.
writeFileSync(
	join(here, 'beekeeping.docx'),
	docx(
		documentXml([
			{ style: 'Title', text: 'Keeping bees' },
			'Honey bees live in colonies of tens of thousands of workers, one queen and a few hundred drones.',
			{ style: 'Heading1', text: 'Colony life' },
			'Workers regulate the temperature of the brood nest. In winter they cluster and shiver their flight muscles so that the fans vibrate.',
			{ style: 'Heading1', text: 'Hive design' },
			'The Langstroth hive uses movable frames spaced by the bee space, about eight millimetres.',
			{ style: 'Heading2', text: 'Inspections' },
			'Open the hive on a warm, still day. Work from the side, not the front, and keep frames over the box.'
		]),
		stylesXml
	)
);
// 200 MB of spaces inside document.xml deflates to about 200 KB: small on disk, enormous once opened.
writeFileSync(join(here, 'zip-bomb.docx'), docx(documentXml(['Nothing to see here.'], ' '.repeat(200 * 1024 * 1024))));

// A PNG signature and header renamed .txt (binary, NUL at offset 8), and Latin-1 text ("café" with 0xE9 at 3).
writeFileSync(
	join(here, 'binary-renamed.txt'),
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])
);
writeFileSync(join(here, 'latin1.txt'), Buffer.from('caf\xe9 au lait, a Latin-1 export\n', 'latin1'));
writeFileSync(join(here, 'empty.txt'), Buffer.alloc(0));
