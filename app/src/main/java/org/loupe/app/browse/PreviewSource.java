package org.loupe.app.browse;

import java.util.List;
import org.loupe.engine.model.Document;
import org.loupe.engine.model.Hosts;
import org.loupe.engine.sample.TextCounts;

/** The first documents of a folder, shown while the sample is drawn. */
public final class PreviewSource implements BrowseSource {
    private final List<Document> docs;
    private final int[] chars;
    private final int[] words;

    public PreviewSource(List<Document> docs) {
        this.docs = List.copyOf(docs);
        chars = new int[docs.size()];
        words = new int[docs.size()];
        for (int i = 0; i < docs.size(); i++) {
            chars[i] = TextCounts.chars(docs.get(i).text());
            words[i] = TextCounts.words(docs.get(i).text());
        }
    }

    @Override
    public int size() {
        return docs.size();
    }

    @Override
    public String id(int row) {
        return docs.get(row).id();
    }

    @Override
    public String host(int row) {
        return Hosts.host(docs.get(row).url());
    }

    @Override
    public int chars(int row) {
        return chars[row];
    }

    @Override
    public int words(int row) {
        return words[row];
    }

    @Override
    public String location(int row) {
        return docs.get(row).source().display();
    }

    @Override
    public Document document(int row) {
        return docs.get(row);
    }

    @Override
    public boolean isPreview() {
        return true;
    }

    @Override
    public String describe() {
        return String.format("Preview: the first %,d documents in file order, while the sample is drawn", docs.size());
    }
}
