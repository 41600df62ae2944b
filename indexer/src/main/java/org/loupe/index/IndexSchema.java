package org.loupe.index;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;

/** The fields of the index and how each is analyzed: one Lucene document per sample row. */
final class IndexSchema {
    static final String ROW = "row";
    static final String ID = "id";
    static final String URL = "url";
    static final String DOMAIN = "domain";
    static final String LANGUAGE = "language";
    static final String TEXT = "text";

    /** Tokenized, with offsets in the postings (for highlighting from the index), not stored: texts stay in the sample. */
    static final FieldType TEXT_TYPE;

    static {
        FieldType t = new FieldType();
        t.setTokenized(true);
        t.setStored(false);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        t.freeze();
        TEXT_TYPE = t;
    }

    private IndexSchema() {
    }

    /** Stop words whose adjacent pairs are indexed as one token (see {@link StopPairFilter}): Lucene's English list. */
    static final CharArraySet STOP_PAIRS = org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    private static Analyzer text(boolean query) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer t = new StandardTokenizer();
                return new TokenStreamComponents(t, new StopPairFilter(new LowerCaseFilter(t), STOP_PAIRS, query));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    /** What queries are parsed with: a phrase's adjacent stop words become their pair token. */
    static Analyzer queryAnalyzer() {
        return perField(text(true));
    }

    /** What documents are indexed and highlighted with. */
    static Analyzer analyzer() {
        return perField(text(false));
    }

    /** StandardAnalyzer (no stop words) for url; whole lowercased values for domain; whole values for language and id. */
    private static Analyzer perField(Analyzer text) {
        Analyzer lowercaseKeyword = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer t = new KeywordTokenizer();
                return new TokenStreamComponents(t, new LowerCaseFilter(t));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(),
                Map.of(TEXT, text, DOMAIN, lowercaseKeyword, LANGUAGE, new KeywordAnalyzer(), ID, new KeywordAnalyzer()));
    }

    /** The Lucene document of one row. */
    static Document document(int row, String id, String url, String domain, String language, String text) {
        Document d = new Document();
        d.add(new StoredField(ROW, row));
        d.add(new NumericDocValuesField(ROW, row));
        d.add(new StringField(ID, id, Field.Store.YES));
        if (url != null) {
            d.add(new TextField(URL, url, Field.Store.YES));
        }
        if (domain != null) {
            d.add(new StringField(DOMAIN, domain, Field.Store.NO));
        }
        if (language != null) {
            d.add(new StringField(LANGUAGE, language, Field.Store.NO));
        }
        d.add(new Field(TEXT, text == null ? "" : text, TEXT_TYPE));
        return d;
    }
}
