"""Figures published by BPJS TK offices and Pemda officials (FACTS.md §6, §3.3 and §9).

Real figures, not samples: each row carries the source the figure was reported in. Only
what the source states is stored; where a source gives a month but no day, the as-of
date is the month's last day. A source that gives only formal/informal totals has them
stored as PU (formal) and BPU (informal), as its text says. A category-only statement
(Bandar Lampung and Metro "rendah", May 2025) is a reported figure with no percentage;
Kutai Timur's formal 87% / informal 150% are a reported figure with the two parts and no
total, and its own participants and potential reproduce them.
"""

from __future__ import annotations

# (code, period YYYY-MM, segment, persons, source, url, as_of)
PARTICIPATION = [
    ("51", "2025-03", "ALL", 935_079, "bali.antaranews.com (BPJS TK Bali, 31 Mar 2025)",
     "https://bali.antaranews.com/berita/376813", "2025-03-31"),
    ("18", "2024-09", "ALL", 760_468, "lampost.co (Kanwil BPJS TK Sumbagsel, 24 Sep 2024)",
     "", "2024-09-24"),
    ("11", "2025-08", "PU", 334_786, "aceh.tribunnews.com (18 Okt 2025); formal dicatat sebagai PU",
     "https://aceh.tribunnews.com/nanggroe/992722", "2025-08-31"),
    ("11", "2025-08", "BPU", 72_987,
     "aceh.tribunnews.com (18 Okt 2025); informal dicatat sebagai BPU",
     "https://aceh.tribunnews.com/nanggroe/992722", "2025-08-31"),
    ("11", "2025-06", "ALL", 408_974, "mediasatunews.com (Jun 2025)", "", "2025-06-30"),
    ("52", "2025-06", "ALL", 555_276, "mpp.mataramkota.go.id; bali.bisnis.com (Jun 2025)", "",
     "2025-06-30"),
    ("71", "2025-08", "ALL", 513_024, "koran-metro.com (31 Agu 2025)", "", "2025-08-31"),
    ("71.08", "2025-08", "ALL", 6_637, "koran-metro.com (31 Agu 2025)", "", "2025-08-31"),
    ("71.07", "2025-08", "ALL", 27_025, "koran-metro.com (Agu 2025)", "", "2025-08-31"),
    ("15", "2024-12", "ALL", 592_806, "dialognews.id; jambiekspres.disway.id (2 Des 2024)", "",
     "2024-12-02"),
    ("75", "2024-09", "ALL", 254_675, "read.id; goliput.id (2024)", "", "2024-09-30"),
    ("13.71", "2024-11", "ALL", 118_788, "scientia.id; padangkita.com (Nov 2024)", "",
     "2024-11-30"),
    ("53.04", "2024-03", "ALL", 58_658, "kupang.tribunnews.com (Mar 2024)", "", "2024-03-31"),
    ("64.08", "2024-12", "PU", 69_528, "kutaitimurkab.go.id (2024); formal dicatat sebagai PU",
     "", "2024-12-31"),
    ("64.08", "2024-12", "BPU", 77_074, "kutaitimurkab.go.id (2024); informal dicatat sebagai BPU",
     "", "2024-12-31"),
]  # fmt: skip

# Active participants by province, Dec 2023 (Kemnaker Satu Data via spn.or.id; the source
# table stops after province 28, so Gorontalo … Papua are missing there).
DECEMBER_2023 = {
    "11": 583_638, "12": 2_057_246, "13": 710_474, "14": 1_108_274, "15": 658_038,
    "16": 915_142, "17": 212_266, "18": 578_889, "19": 216_685, "21": 614_605,
    "31": 7_498_532, "32": 4_855_121, "33": 3_947_422, "34": 558_681, "35": 4_583_246,
    "36": 2_631_601, "51": 1_027_234, "52": 570_391, "53": 364_870, "61": 729_270,
    "62": 686_023, "63": 634_862, "64": 1_323_233, "65": 245_948, "71": 578_610,
    "72": 565_871, "73": 1_003_082, "74": 323_070,
}  # fmt: skip
PARTICIPATION += [
    (code, "2023-12", "ALL", count,
     "spn.or.id (Kemnaker Satu Data Ketenagakerjaan, peserta aktif Des 2023)", "", "2023-12-31")
    for code, count in DECEMBER_2023.items()
]  # fmt: skip

# (code, year, total, formal, informal, basis, source, url)
POTENTIAL = [
    ("51", 2025, 1_873_899, None, None, "penduduk_bekerja", "bali.antaranews.com",
     "https://bali.antaranews.com/berita/376813"),
    ("18", 2024, 3_058_943, None, None, "potensi",
     "lampost.co: potensi pekerja berdasarkan data BPS 2024", ""),
    ("11", 2025, 1_601_559, 711_705, 889_854, "angkatan_kerja",
     "aceh.tribunnews.com: potensi coverage berdasarkan data angkatan kerja",
     "https://aceh.tribunnews.com/nanggroe/992722"),
    ("52", 2025, 1_808_432, None, None, "potensi", "mpp.mataramkota.go.id: potensi tenaga kerja",
     ""),
    ("71", 2025, 854_203, None, None, "lainnya", "koran-metro.com (Agu 2025)", ""),
    ("71.08", 2025, 23_610, None, None, "lainnya", "koran-metro.com (Agu 2025)", ""),
    ("71.07", 2025, 33_754, None, None, "lainnya", "koran-metro.com (Agu 2025)", ""),
    ("75", 2024, 466_368, None, None, "lainnya", "read.id; goliput.id (2024)", ""),
    ("73", 2025, 2_801_936, None, None, "lainnya", "sulawesi.bisnis.com (Jun 2025)", ""),
    ("33.18", 2024, 511_111, None, None, "angkatan_kerja", "kanalmuria.com: total angkatan kerja",
     ""),
    ("33.18", 2025, 599_061, None, None, "angkatan_kerja",
     "jateng.antaranews.com: total angkatan kerja", "https://jateng.antaranews.com/berita/574317"),
    ("64.08", 2024, 130_777, 79_691, 51_086, "lainnya",
     "kutaitimurkab.go.id (2024); total = formal + informal", ""),
    ("15.03", 2024, 112_000, None, None, "lainnya",
     "jambi-independent.co.id: sekitar 112.000 pekerja (Pj Bupati Sarolangun, 2 Okt 2024)", ""),
]  # fmt: skip

# (code, period, pct, formal_pct, informal_pct, category, note, source, url, as_of)
REPORTED = [
    ("51", "2025-03", "50.88", None, None, "", "935.079 / 1.873.899 = 49,90% (tidak cocok)",
     "bali.antaranews.com", "https://bali.antaranews.com/berita/376813", "2025-03-31"),
    ("51.03", "2025-03", "58.68", None, None, "", "tertinggi di Bali (~Apr 2025)",
     "bali.antaranews.com; planet.merdeka.com", "https://bali.antaranews.com/berita/376813",
     "2025-03-31"),
    ("51.06", "2025-03", "35.52", None, None, "", "terendah di Bali (~Apr 2025)",
     "bali.antaranews.com", "https://bali.antaranews.com/berita/376813", "2025-03-31"),
    ("18", "2024-09", "24.86", None, None, "rendah", "", "lampost.co", "", "2024-09-24"),
    ("18.02", "2024-09", "26.4", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.71", "2024-09", "32.8", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.72", "2024-09", "32.9", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.13", "2024-09", "1.9", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.07", "2024-09", "17.4", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.08", "2024-09", "19.3", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.10", "2024-09", "21.4", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.12", "2024-09", "22.6", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.04", "2024-09", "23.3", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.11", "2024-09", "23.3", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.03", "2024-09", "25.6", None, None, "",
     "juga tercantum 26,6 (duplikat di sumber)", "lampost.co", "", "2024-09-24"),
    ("18.01", "2024-09", "26.5", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.05", "2024-09", "26.9", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.06", "2024-09", "29.4", None, None, "", "", "lampost.co", "", "2024-09-24"),
    ("18.02", "2025-05", "26", None, None, "sangat rendah",
     "Monev UCJ 2025; Kota Bandar Lampung dan Kota Metro 'rendah', tidak ada yang di atasnya",
     "lampungtengahkab.go.id", "", "2025-05-19"),
    # The same monev named only the category of these two: no percentage is stored.
    ("18.71", "2025-05", None, None, None, "rendah", "Monev UCJ 2025 (hanya kategori)",
     "lampungtengahkab.go.id", "", "2025-05-19"),
    ("18.72", "2025-05", None, None, None, "rendah", "Monev UCJ 2025 (hanya kategori)",
     "lampungtengahkab.go.id", "", "2025-05-19"),
    ("11", "2025-06", "23.32", None, None, "", "", "mediasatunews.com", "", "2025-06-30"),
    ("11", "2025-08", "25.46", "47.04", "8.20", "", "", "aceh.tribunnews.com",
     "https://aceh.tribunnews.com/nanggroe/992722", "2025-08-31"),
    ("52", "2025-06", "30.7", None, None, "", "awal 2025: 32,5", "mpp.mataramkota.go.id", "",
     "2025-06-30"),
    ("71", "2025-08", "60.06", None, None, "", "", "koran-metro.com", "", "2025-08-31"),
    ("71", "2025-12", "67.95", None, None, "", "peringkat 4 dari 38; 573 rb / 843 rb",
     "barometer.co.id; sulutnewstv.com", "", "2025-12-16"),
    ("71.04", "2025-12", "98.07", None, None, "", "satu-satunya di Sulut di atas target nasional",
     "sulutnewstv.com", "", "2025-12-31"),
    ("71.11", "2025-12", "93.64", None, None, "", "", "sulutnewstv.com", "", "2025-12-31"),
    ("71.01", "2025-12", "88.35", None, None, "", "", "sulutnewstv.com", "", "2025-12-31"),
    ("71.07", "2025-12", "87.76", None, None, "", "", "sulutnewstv.com", "", "2025-12-31"),
    ("71.71", "2025-12", "81.14", None, None, "", "", "sulutnewstv.com", "", "2025-12-31"),
    ("71.07", "2025-08", "80", None, None, "", "", "koran-metro.com", "", "2025-08-31"),
    ("71.08", "2025-08", "28", None, None, "", "terendah di Sulut", "koran-metro.com", "",
     "2025-08-31"),
    ("15", "2024-10", "41.38", None, None, "", "", "jambiekspres.disway.id", "", "2024-10-31"),
    ("15", "2024-12", "45.17", None, None, "", "peringkat 16 dari 34; kurang 102.750 dari target",
     "dialognews.id", "", "2024-12-02"),
    ("75", "2024-09", "54.61", None, None, "", "peringkat 6 dari 38", "read.id", "", "2024-09-30"),
    ("75", "2025-12", "54", None, None, "", "314 rb / 582 rb", "narasi21.id", "", "2025-12-16"),
    ("75.04", "2025-12", "57", None, None, "", "tertinggi di Gorontalo", "bargo.id", "",
     "2025-12-31"),
    ("73", "2025-06", "47.38", None, None, "", "1,327 jt / 2.801.936", "sulawesi.bisnis.com", "",
     "2025-06-30"),
    ("13.71", "2024-11", "44", None, None, "", "", "scientia.id", "", "2024-11-30"),
    ("33.18", "2025-03", "29", None, None, "", "2024: 39%", "jateng.antaranews.com",
     "https://jateng.antaranews.com/berita/574317", "2025-03-31"),
    ("33.12", "2025-10", "31.99", None, None, "", "", "soloaja.co", "", "2025-10-31"),
    ("34.04", "2025-10", "36.40", None, None, "", "", "jogjapolitan.harianjogja.com", "",
     "2025-10-31"),
    ("53.04", "2024-03", "45.76", None, None, "", "", "kupang.tribunnews.com", "", "2024-03-31"),
    ("53.04", "2025-05", "90", None, None, "", "", "penamalaka.com", "", "2025-05-31"),
    ("53.21", "2025-05", "3", None, None, "", "", "penamalaka.com", "", "2025-05-31"),
    ("61", "2025-09", "31", None, None, "", "sekitar 31% dari ~1,8 jt pekerja", "tanjungpura.id",
     "", "2025-09-30"),
    # Stated on 2 Oct 2024 (data of September): about 112,000 workers, 43% covered.
    ("15.03", "2024-09", "43", None, None, "", "sekitar 112.000 pekerja; disampaikan 2 Okt 2024",
     "jambi-independent.co.id", "", "2024-10-02"),
    # Formal and informal only, no total stated; informal above 100% as published.
    ("64.08", "2024-12", None, "87", "150", "",
     "formal 69.528 / 79.691; informal 77.074 / 51.086", "kutaitimurkab.go.id", "",
     "2024-12-31"),
]  # fmt: skip

# (code, year, pct, workers, issuer, document, source, url)
TARGETS = [
    ("51", 2025, "67.28", None, "lainnya", "Target 2025 dari Kemendagri, seperti dikutip sumber",
     "bali.antaranews.com", "https://bali.antaranews.com/berita/376813"),
    ("52", 2025, "62.22", None, "se_bangda", "SE Dirjen Bina Bangda 500.11.2/9602/Bangda",
     "mataram.antaranews.com", "https://mataram.antaranews.com/berita/469281"),
    ("73", 2025, "62.93", 1_763_259, "lainnya", "Target 2025, seperti dikutip sumber",
     "sulawesi.bisnis.com; harian.fajar.co.id", ""),
    ("11", 2025, "43.54", None, "lainnya", "Target 2025, seperti dikutip sumber",
     "mediasatunews.com; aceh.tribunnews.com", ""),
    ("18", 2024, "32.62", None, "lainnya", "Target 2024, seperti dikutip sumber", "lampost.co",
     ""),
    ("18", 2025, "38.39", 1_174_328, "lainnya", "Target 2025, seperti dikutip sumber",
     "lampost.co", ""),
    ("15", 2024, "53", None, "lainnya", "Target 2024, seperti dikutip sumber", "dialognews.id",
     ""),
    ("82", 2026, None, 332_354, "lainnya", "Target 2026: 160.629 PU + 171.725 BPU",
     "ternate.tribunnews.com", ""),
    ("33.12", 2025, "52.69", None, "lainnya", "Target 2025, seperti dikutip sumber", "soloaja.co",
     ""),
    ("33.18", 2024, "40", None, "lainnya", "Target 2024, seperti dikutip sumber",
     "kanalmuria.com", ""),
    ("33.18", 2025, "52", None, "lainnya", "Target 2025, seperti dikutip sumber",
     "jateng.antaranews.com", "https://jateng.antaranews.com/berita/574317"),
    ("34.04", 2025, "30.13", None, "rpjmd", "RPJMD Kabupaten Sleman 2025–2029",
     "jogjapolitan.harianjogja.com", ""),
    ("34.04", 2029, "52.13", None, "rpjmd", "RPJMD Kabupaten Sleman 2025–2029",
     "jogjapolitan.harianjogja.com", ""),
    ("13.71", 2024, "32.48", None, "lainnya", "Target Pemko Padang 2024 (di bawah capaian)",
     "padangkita.com", ""),
    ("13.71", 2025, "37.10", None, "lainnya", "Target Pemko Padang 2025", "padangkita.com", ""),
    ("61.71", 2026, "45", None, "rpjmd", "RPJMD Kota Pontianak", "faktakalbar.id", ""),
    ("73.71", 2025, "57.10", None, "lainnya", "Target, seperti dikutip sumber", "manyala.co", ""),
    ("15.03", 2024, "65", None, "lainnya",
     "APBD Perubahan 2024 (JKK + JKM), rencana Pj Bupati Sarolangun", "jambi-independent.co.id",
     ""),
]  # fmt: skip

# The date each potential and target was stated with (the figure's "data per"); where
# the source gives only a year, its last day.
POTENTIAL_AS_OF = {
    ("51", 2025): "2025-03-31", ("18", 2024): "2024-09-24", ("11", 2025): "2025-08-31",
    ("52", 2025): "2025-06-30", ("71", 2025): "2025-08-31", ("71.08", 2025): "2025-08-31",
    ("71.07", 2025): "2025-08-31", ("75", 2024): "2024-09-30", ("73", 2025): "2025-06-30",
    ("33.18", 2024): "2024-12-31", ("33.18", 2025): "2025-03-31", ("64.08", 2024): "2024-12-31",
    ("15.03", 2024): "2024-10-02",
}  # fmt: skip
TARGET_AS_OF = {
    ("51", 2025): "2025-03-31", ("52", 2025): "2025-06-30", ("73", 2025): "2025-06-30",
    ("11", 2025): "2025-06-30", ("18", 2024): "2024-09-24", ("18", 2025): "2024-09-24",
    ("15", 2024): "2024-12-02", ("82", 2026): "2025-08-31", ("33.12", 2025): "2025-10-31",
    ("33.18", 2024): "2024-12-31", ("33.18", 2025): "2025-03-31",
    ("34.04", 2025): "2025-11-30", ("34.04", 2029): "2025-11-30",
    ("13.71", 2024): "2024-11-30", ("13.71", 2025): "2024-11-30",
    ("61.71", 2026): "2026-02-12", ("73.71", 2025): "2025-12-31", ("15.03", 2024): "2024-10-02",
}  # fmt: skip

# National totals as published (FACTS §6.1), shown beside the nation we compute.
# (period, participants, potential, pct, target_pct, PU, BPU, Jakon, PMI, note, source, as_of)
# Left out: the Peta Jalan 2024 base (40.12 M, 39.4% of 101.8 M): no month is stated.
M = 1_000_000
NATIONAL = [
    ("2021-03", 49 * M, 92 * M, "54.09", None, None, None, None, None,
     "49 juta dari 92 juta potensi (dibulatkan oleh sumber)", "hukumonline (Setkab)",
     "2021-03-31"),
    ("2022-09", 35_684_564, None, None, None, None, None, None, None, "",
     "finansial.bisnis.com", "2022-09-30"),
    ("2022-12", None, None, "24.15", None, None, None, None, None,
     "dari seluruh penduduk bekerja; angka tahunan 2022", "djsn.go.id", "2022-12-31"),
    ("2023-12", 41_560_000, None, None, None, None, None, None, None,
     "61,08 juta terdaftar", "spn.or.id (Kemnaker Satu Data)", "2023-12-31"),
    *[(f"{year}-12", active, None, None, None, None, None, None, None, "akhir tahun",
       "ekonomi.bisnis.com (Jul 2025)", f"{year}-12-31")
      for year, active in ((2020, 29_980_000), (2021, 30_660_000), (2022, 35_860_000),
                           (2023, 41_550_000), (2024, 45_230_000))],
    ("2024-12", 45_220_000, None, None, None, None, None, None, None, "", "kontan.co.id",
     "2024-12-31"),
    ("2025-02", 41_380_000, None, None, None, 26_260_000, 9_580_000, 5_530_000, None,
     "Januari–Februari 2025", "databoks (Kemnaker)", "2025-02-28"),
    ("2025-03", 40_200_000, None, None, None, None, None, None, None, "", "kontan.co.id",
     "2025-03-31"),
    ("2025-04", 39_700_000, None, "35.68", "52.15", 25_430_000, 8_990_000, 4_640_000, 640_000,
     "", "kontan.co.id; ayonusa.com", "2025-04-30"),
    ("2025-05", None, None, "35.86", "52.5", None, None, None, None, "", "pelitasukabumi.id",
     "2025-05-31"),
    ("2025-06", 39_350_000, None, None, None, None, None, None, None, "",
     "ekonomi.bisnis.com", "2025-06-30"),
]  # fmt: skip

# National targets with the documents that set them (FACTS §3.5, §1.1).
# (series, year, pct, workers, program, document, note, source, as_of)
NATIONAL_TARGETS = [
    ("rpjmn", 2025, "32.15", None, "", "RPJMN 2025–2029", "indikator RPJMN; 43,92% pada 2029",
     "ayonusa.com; kabaran.id (Dirjen Bina Bangda Kemendagri, 15 Mei 2025)", "2025-05-15"),
    ("rpjmn", 2029, "43.92", None, "", "RPJMN 2025–2029", "",
     "ayonusa.com; kabaran.id (Dirjen Bina Bangda Kemendagri, 15 Mei 2025)", "2025-05-15"),
    ("rkp", 2026, "34.99", None, "", "RKP 2026", "",
     "ayonusa.com; kabaran.id (Dirjen Bina Bangda Kemendagri, 15 Mei 2025)", "2025-05-15"),
    ("ucj", 2025, "52.15", None, "", "Target capaian UCJ 2025 (Kemendagri)",
     "capaian 35,68% (Apr 2025); belum ada provinsi yang mencapainya",
     "ayonusa.com (Dirjen Bina Bangda Kemendagri, 15 Mei 2025)", "2025-05-15"),
    ("ucj", 2025, "52.5", None, "", "Target capaian UCJ 2025 (Kemendagri)",
     "capaian 35,86% (Mei 2025)", "pelitasukabumi.id (Direktur SUPD IV Kemendagri)",
     "2025-05-19"),
    ("rpjpn", 2045, "99.5", None, "", "RPJPN 2025–2045 (UU 59/2024)", "",
     "ayonusa.com; tribunternate.com", "2025-05-15"),
    ("peta_jalan", 2024, None, 53_520_000, "JKK, JKM", "Peta Jalan Jaminan Sosial 2023–2024", "",
     "katadata.co.id", "2024-10-31"),
    ("peta_jalan", 2024, None, 24_000_000, "JHT", "Peta Jalan Jaminan Sosial 2023–2024", "",
     "katadata.co.id", "2024-10-31"),
    ("peta_jalan", 2024, None, 16_000_000, "JP", "Peta Jalan Jaminan Sosial 2023–2024", "",
     "katadata.co.id", "2024-10-31"),
    ("peta_jalan", 2024, None, 13_000_000, "JKP", "Peta Jalan Jaminan Sosial 2023–2024", "",
     "katadata.co.id", "2024-10-31"),
]  # fmt: skip
